package org.allcds.mapping;

import java.util.List;

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

    /** No site maps: a code stands only for itself. */
    ConceptTranslator IDENTITY = (system, code) -> List.of(new Code(system, code));
}
