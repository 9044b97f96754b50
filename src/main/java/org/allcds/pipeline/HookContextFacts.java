package org.allcds.pipeline;

import java.util.List;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.EvaluationTime;
import tools.jackson.databind.JsonNode;

/**
 * Facts taken from the hook's {@code context} rather than from the patient's record (for example an order-sign
 * call's {@code draftOrders}). None by default.
 */
public interface HookContextFacts {

    /** {@code context} may be null (a bundle given to {@code eval}, a scenario without a context). */
    List<Object> facts(ServiceDefinition service, JsonNode context, EvaluationTime at);

    HookContextFacts NONE = (service, context, at) -> List.of();
}
