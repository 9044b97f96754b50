package org.allcds.pipeline;

import java.util.List;
import org.allcds.catalog.ServiceDefinition;

/**
 * Facts taken from the hook's {@code context} rather than from the patient's record (for example an order-sign
 * call's {@code draftOrders}). None by default.
 */
public interface HookContextFacts {

    /** {@code input.context()} may be null (a bundle given to {@code eval}, a scenario without a context). */
    List<Object> facts(ServiceDefinition service, PatientEvaluator.Input input);

    HookContextFacts NONE = (service, input) -> List.of();
}
