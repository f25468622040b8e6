/**
 * Read-side helpers over the execution-record tables, for integration tests and tools (plain JDBC on a
 * {@link java.sql.Connection} of the livestack DataSource). The tables are documented in docs/storage.md.
 */
@Export
@Version("1.2.0")
package io.livestack.storage.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
