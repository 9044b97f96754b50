/** The CDS Hooks 2.0 wire model: small records with the spec's field names. Jackson only. */
package org.allcds.hooks;
