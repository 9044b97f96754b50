package org.allcds.catalog;

import java.util.List;
import java.util.Map;

/**
 * A CDS service as declared by rule authors in {@code rules/services.yaml}: its discovery fields, the DRL packages
 * whose rules it runs and the override reasons its cards offer (its own list, or the file's default list).
 * {@code prefetch} keeps the declared key order.
 */
public record ServiceDefinition(String id, String hook, String title, String description, String usageRequirements,
                                Map<String, String> prefetch, List<String> rulePackages,
                                List<OverrideReason> overrideReasons) {
    public ServiceDefinition {
        prefetch = prefetch == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
        rulePackages = List.copyOf(rulePackages);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
    }

    /** A service whose cards offer no override reasons. */
    public ServiceDefinition(String id, String hook, String title, String description, String usageRequirements,
                             Map<String, String> prefetch, List<String> rulePackages) {
        this(id, hook, title, description, usageRequirements, prefetch, rulePackages, List.of());
    }

    /** The declared reason with this system and code, if the service's cards offer it. */
    public java.util.Optional<OverrideReason> overrideReason(String system, String code) {
        return overrideReasons.stream().filter(r -> r.sameConcept(system, code)).findFirst();
    }

    /** The same service asking for these prefetch templates. */
    public ServiceDefinition withPrefetch(Map<String, String> templates) {
        return new ServiceDefinition(id, hook, title, description, usageRequirements, templates, rulePackages,
                overrideReasons);
    }
}
