package org.allcds.pipeline;

import java.util.List;
import org.allcds.catalog.ServiceDefinition;
import tools.jackson.databind.JsonNode;

/**
 * Facts taken from the hook's {@code context} rather than from the patient's record (for example an order-sign
 * call's {@code draftOrders}). None by default.
 */
public interface HookContextFacts {

    /**
     * {@code context} may be null (a bundle given to {@code eval}, a scenario without a context); {@code fhirServer} is
     * the request's (null for local data). The patient's record plays no part: these facts are added to those
     * {@link PatientEvaluator#prepare} kept from it.
     */
    List<Object> facts(ServiceDefinition service, JsonNode context, String fhirServer);

    HookContextFacts NONE = (service, context, fhirServer) -> List.of();
}
