/**
 * Registration of the local application as a discovery instance (Spring Cloud
 * ServiceRegistry).
 */
@NullMarked
package dev.discovery.client.registration;

import org.jspecify.annotations.NullMarked;
