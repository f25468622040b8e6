/**
 * The trading history an operator sees: orders and fills of a time range (today's trading day by default) from the
 * live state and the database together ({@link io.livestack.api.history.TradingHistory}, provided by the runtime),
 * and what the database holds of them ({@link io.livestack.api.history.StoredHistory}, provided by storage). Queries
 * and answers are plain immutable data.
 */
@Export
@Version("1.0.0")
package io.livestack.api.history;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
