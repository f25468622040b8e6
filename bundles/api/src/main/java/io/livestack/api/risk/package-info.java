@Export
@Version("2.3.0")
package io.livestack.api.risk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
