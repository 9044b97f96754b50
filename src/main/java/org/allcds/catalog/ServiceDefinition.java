package org.allcds.catalog;

import java.util.List;
import java.util.Map;

/**
 * A CDS service as declared by rule authors in {@code rules/services.yaml}: its discovery fields and the DRL packages
 * whose rules it runs. {@code prefetch} keeps the declared key order.
 */
public record ServiceDefinition(String id, String hook, String title, String description, String usageRequirements,
                                Map<String, String> prefetch, List<String> rulePackages) {
    public ServiceDefinition {
        prefetch = prefetch == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
        rulePackages = List.copyOf(rulePackages);
    }

    /** The same service asking for these prefetch templates. */
    public ServiceDefinition withPrefetch(Map<String, String> templates) {
        return new ServiceDefinition(id, hook, title, description, usageRequirements, templates, rulePackages);
    }
}
