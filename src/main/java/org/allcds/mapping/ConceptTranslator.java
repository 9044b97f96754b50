package org.allcds.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns a site's own code into the data contract's codes, so that local lab or diagnosis codes need no Java change:
 * the ConceptMaps in {@code fhir-profiles/} feed the real implementation. Every code the mapping matches goes through
 * here. The result always contains the code itself first.
 */
public interface ConceptTranslator {

    /** A code in a code system. */
    record Code(String system, String code) {
    }

    List<Code> translate(String system, String code);

    /** The site codes that translate to any of the targets (the targets themselves excluded). */
    default Set<Code> sourcesOf(Collection<Code> targets) {
        return Set.of();
    }

    /** No site maps: a code stands only for itself. */
    ConceptTranslator IDENTITY = (system, code) -> List.of(new Code(system, code));
}
