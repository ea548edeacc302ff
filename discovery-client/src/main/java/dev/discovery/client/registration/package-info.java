/**
 * Registration of the local application as a discovery instance: register, renew on a
 * schedule, set the status and cancel.
 */
@NullMarked
package dev.discovery.client.registration;

import org.jspecify.annotations.NullMarked;
