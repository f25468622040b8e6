package io.livestack.webconsole.internal;

import java.security.Principal;

final class Fakes {

    private Fakes() {
    }

    /** Principal classes standing in for Karaf's (only class name and name matter). */
    static final class Principals {
        record Role(String getName) implements Principal {
        }

        record User(String getName) implements Principal {
        }

        private Principals() {
        }
    }
}
