/**
 * The CDS Hooks 2.0 wire model: small records with the spec's field names, and {@link org.allcds.hooks.RandomUuids}
 * for their uuids. Jackson only.
 */
package org.allcds.hooks;
