/**
 * Spring Cloud ServiceRegistry and auto-registration on the client core's registrar.
 */
@NullMarked
package dev.discovery.client.registration;

import org.jspecify.annotations.NullMarked;
