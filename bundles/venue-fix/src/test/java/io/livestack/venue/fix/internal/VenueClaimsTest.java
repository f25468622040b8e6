package io.livestack.venue.fix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.telemetry.MetricNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VenueClaimsTest {

    private static final Path DATA = Path.of("/srv/karaf/data/livestack/fix");
    private static final String ETC = "/srv/karaf/etc/";

    private final VenueClaims claims = new VenueClaims();

    /** A venue's file {@code etc/livestack.venue.fix-NAME.cfg} as File Install hands it to the component. */
    private static Map<String, Object> file(String name, String venue, String sender, String target) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "livestack.venue.fix~" + name);
        p.put(VenueClaim.FILE_PROPERTY, "file:" + ETC + "livestack.venue.fix-" + name + ".cfg");
        p.put("venue", venue);
        p.put("senderCompID", sender);
        p.put("targetCompID", target);
        p.put("instruments", "BTC-USD");
        return p;
    }

    private static VenueClaim claim(Map<String, Object> properties) {
        return VenueClaim.of(FixVenueSettings.parse(properties, DATA), properties);
    }

    private static String path(String name) {
        return ETC + "livestack.venue.fix-" + name + ".cfg";
    }

    @Test
    void aSecondFileWithAVenueIdInUseIsRefusedNamingBothFiles() {
        claims.claim(claim(file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM")));

        assertThatThrownBy(() -> claims.claim(claim(file("COPY", "FIXSIM", "OTHER", "VENUE2"))))
                .isInstanceOf(VenueClaims.Refused.class)
                .hasMessageContaining(path("COPY"))
                .hasMessageContaining(path("FIXSIM"))
                .hasMessageContaining("venue id FIXSIM")
                .hasMessageContaining("untouched");
        assertThat(claims.granted("livestack.venue.fix~FIXSIM")).isTrue();
        assertThat(claims.granted("livestack.venue.fix~COPY")).isFalse();
    }

    @Test
    void twoVenuesSharingAStoreDirectoryAreRefused() {
        Map<String, Object> first = file("A", "VENUE_A", "LIVESTACK", "EXA");
        first.put("storeDir", "/srv/fix/store");
        Map<String, Object> second = file("B", "VENUE_B", "LIVESTACK", "EXB");
        second.put("storeDir", "/srv/fix/../fix/store/");
        claims.claim(claim(first));

        assertThatThrownBy(() -> claims.claim(claim(second)))
                .hasMessageContaining(path("A")).hasMessageContaining(path("B"))
                .hasMessageContaining("FIX store directory /srv/fix/store")
                .hasMessageNotContaining("venue id VENUE_");
    }

    @Test
    void theDefaultStoreDirectoriesOfTwoVenuesDoNotClash() {
        claims.claim(claim(file("A", "VENUE_A", "LIVESTACK", "EXA")));

        assertThatCode(() -> claims.claim(claim(file("B", "VENUE_B", "LIVESTACK", "EXB"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theSameCompIdsAndQualifierAreNamedAsTheSameFixSession() {
        // the venue id is the SessionQualifier: the same CompIDs under the same id are one QuickFIX/J session
        claims.claim(claim(file("A", "FIXSIM", "LIVESTACK", "FIXSIM")));
        Map<String, Object> second = file("B", "FIXSIM", "LIVESTACK", "FIXSIM");
        second.put("host", "10.0.0.9");
        second.put("storeDir", "/srv/fix/b");

        assertThatThrownBy(() -> claims.claim(claim(second)))
                .hasMessageContaining("FIX session SenderCompID LIVESTACK, TargetCompID FIXSIM, SessionQualifier FIXSIM")
                .hasMessageContaining(path("A")).hasMessageContaining(path("B"));
    }

    @Test
    void theSameHostPortAndCompIdsUnderAnotherVenueIdAreRefused() {
        Map<String, Object> first = file("A", "VENUE_A", "LIVESTACK", "EX");
        first.put("host", "FixGateway.example");
        first.put("port", "9001");
        Map<String, Object> second = file("B", "VENUE_B", "LIVESTACK", "EX");
        second.put("host", "fixgateway.example");
        second.put("port", "9001");
        claims.claim(claim(first));

        assertThatThrownBy(() -> claims.claim(claim(second)))
                .hasMessageContaining(
                        "counterparty session fixgateway.example:9001 with SenderCompID LIVESTACK, TargetCompID EX")
                .hasMessageContaining(path("A")).hasMessageContaining(path("B"));
    }

    @Test
    void theSameCompIdsAtAnotherAddressUnderAnotherVenueIdAreAllowed() {
        Map<String, Object> first = file("A", "VENUE_A", "LIVESTACK", "EX");
        first.put("port", "9001");
        Map<String, Object> second = file("B", "VENUE_B", "LIVESTACK", "EX");
        second.put("port", "9002");
        claims.claim(claim(first));

        assertThatCode(() -> claims.claim(claim(second))).doesNotThrowAnyException();
    }

    @Test
    void aConfigurationRemovedFreesWhatItTook() {
        VenueClaim first = claim(file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM"));
        VenueClaim second = claim(file("COPY", "FIXSIM", "LIVESTACK", "FIXSIM"));
        claims.claim(first);
        assertThatThrownBy(() -> claims.claim(second)).isInstanceOf(VenueClaims.Refused.class);

        claims.release(first);

        assertThat(claims.granted(first.pid())).isFalse();
        assertThatCode(() -> claims.claim(second)).doesNotThrowAnyException();
        assertThat(claims.granted(second.pid())).isTrue();
    }

    @Test
    void aRefusedConfigurationReleasedChangesNothing() {
        VenueClaim first = claim(file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM"));
        VenueClaim second = claim(file("COPY", "FIXSIM", "LIVESTACK", "FIXSIM"));
        claims.claim(first);
        assertThatThrownBy(() -> claims.claim(second)).isInstanceOf(VenueClaims.Refused.class);

        claims.release(second);

        assertThat(claims.granted(first.pid())).isTrue();
        assertThatThrownBy(() -> claims.claim(second)).isInstanceOf(VenueClaims.Refused.class);
    }

    @Test
    void aConfigurationDoesNotClashWithItselfWhenItChanges() {
        VenueClaim before = claim(file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM"));
        Map<String, Object> changed = file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM");
        changed.put("port", "9999");
        claims.claim(before);

        claims.reclaim(before, claim(changed));

        assertThat(claims.granted(before.pid())).isTrue();
    }

    @Test
    void aChangeThatWouldClashIsRefusedAndTheVenueKeepsItsClaim() {
        VenueClaim a = claim(file("A", "VENUE_A", "LIVESTACK", "EXA"));
        VenueClaim b = claim(file("B", "VENUE_B", "LIVESTACK", "EXB"));
        claims.claim(a);
        claims.claim(b);
        VenueClaim bAsA = claim(file("B", "VENUE_A", "LIVESTACK", "EXB"));

        assertThatThrownBy(() -> claims.reclaim(b, bAsA))
                .hasMessageContaining(path("A")).hasMessageContaining(path("B"))
                .hasMessageContaining("venue id VENUE_A")
                .hasMessageContaining("keeps running with its previous settings");
        // B still holds its own: a third file with B's venue id is refused naming B
        assertThatThrownBy(() -> claims.claim(claim(file("C", "VENUE_B", "LIVESTACK", "EXC"))))
                .hasMessageContaining(path("B"));
    }

    @Test
    void withoutAFileTheConfigurationIsNamedByItsPid() {
        Map<String, Object> first = file("A", "FIXSIM", "LIVESTACK", "FIXSIM");
        first.remove(VenueClaim.FILE_PROPERTY);
        claims.claim(claim(first));

        assertThatThrownBy(() -> claims.claim(claim(file("B", "FIXSIM", "LIVESTACK", "FIXSIM"))))
                .hasMessageContaining("livestack.venue.fix~A").hasMessageContaining(path("B"));
    }

    @Test
    void everyRefusalIsCountedByTheRefusedVenueId() {
        MetricRegistry registry = new MetricRegistry();
        claims.bindMetricRegistry(registry);
        claims.claim(claim(file("FIXSIM", "FIXSIM", "LIVESTACK", "FIXSIM")));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> claims.claim(claim(file("COPY", "FIXSIM", "X", "Y"))))
                    .isInstanceOf(VenueClaims.Refused.class);
        }

        assertThat(registry.counter(MetricNames.tagged(MetricNames.VENUE_CONFIG_REFUSED, "venue", "FIXSIM"))
                .getCount()).isEqualTo(2);
    }
}
