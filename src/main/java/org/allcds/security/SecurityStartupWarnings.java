package org.allcds.security;

import org.allcds.prefetch.FhirClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says loudly, at every start, when this instance trusts callers it should not trust in production, or accepts a
 * FHIR server over plain http.
 */
@Component
class SecurityStartupWarnings {

    static final String SANDBOX_ISSUER = "https://sandbox.cds-hooks.org";
    private static final Logger log = LoggerFactory.getLogger(SecurityStartupWarnings.class);

    private final SecurityProperties properties;
    private final FhirClientProperties fhir;

    SecurityStartupWarnings(SecurityProperties properties, FhirClientProperties fhir) {
        this.properties = properties;
        this.fhir = fhir;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        if (!fhir.requireHttps()) {
            log.warn("*** A plain http:// fhirServer is accepted (allcds.fhir.require-https=false): its access token and"
                    + " the patient's data would cross the network unencrypted. For demos and tests only. ***");
        }
        if (!properties.enabled()) {
            log.warn("*** AUTHENTICATION IS OFF (allcds.security.enabled=false): any caller can invoke every CDS "
                    + "service. For demos with synthetic data only; never with real patients. ***");
            return;
        }
        if (properties.issuers().stream().anyMatch(issuer -> SANDBOX_ISSUER.equals(issuer.iss()))) {
            log.warn("*** Trusting issuer {}: the sandbox's private key is published in its public repository, so "
                    + "anyone can sign tokens as this issuer and they prove nothing. Testing only; never with real "
                    + "patients. ***", SANDBOX_ISSUER);
        }
        log.info("CDS client JWTs required; trusted issuers: {}", properties.issuers().stream()
                .map(SecurityProperties.Issuer::iss).toList());
    }
}
