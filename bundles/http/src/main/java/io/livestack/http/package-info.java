/**
 * What the operator HTTP surfaces share: {@link io.livestack.http.BasicCredentials}, {@link io.livestack.http.JaasLogin}
 * and {@link io.livestack.http.Roles} to log a user in to a Karaf JAAS realm and check roles the way Karaf does, and
 * the {@link io.livestack.http.Json} writer.
 */
@Export
@Version("1.0.0")
package io.livestack.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
