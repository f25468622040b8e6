@Export
@Version("1.1.0")
package io.livestack.api.intent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
