/**
 * Test and demo support of the FIX exchange simulator: {@link io.livestack.fix.exchange.sim.ExchangeControl}, the
 * service with which tests and operators steer it (drop a client's session, move the market, expire DAY orders).
 */
@Export
@Version("1.1.0")
package io.livestack.fix.exchange.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
