package org.allcds.prefetch;

import org.allcds.catalog.ServiceDefinition;
import org.allcds.hooks.CdsRequest;
import org.springframework.stereotype.Component;

/** Placeholder until the prefetch lands. */
@Component
public class PrefetchResolver {
    public PatientData resolve(ServiceDefinition service, CdsRequest request) {
        throw new UnsupportedOperationException("prefetch not merged yet");
    }
}
