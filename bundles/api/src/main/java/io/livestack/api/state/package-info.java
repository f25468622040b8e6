@Export
@Version("2.1.0")
package io.livestack.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
