package org.allcds.system;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one R4 {@link FhirContext}: building its model is costly, so every parser and client shares it. */
@Configuration(proxyBeanMethods = false)
public class FhirConfig {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }
}
