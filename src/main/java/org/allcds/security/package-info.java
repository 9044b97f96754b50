/**
 * Trust in CDS clients: the JWT every service and feedback call must carry (conformance §5), the start-up checks
 * that keep the service secure by default, and the PHI-free request log.
 */
package org.allcds.security;
