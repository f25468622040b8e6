@Export
@Version("2.4.0")
package io.livestack.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
