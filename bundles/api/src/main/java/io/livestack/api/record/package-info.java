@Export
@Version("2.5.0")
package io.livestack.api.record;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
