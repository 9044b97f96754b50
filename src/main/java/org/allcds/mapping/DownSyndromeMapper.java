package org.allcds.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.DownSyndrome;
import org.hl7.fhir.r4.model.Condition;

/** I13: Down syndrome is recorded; one fact however many Conditions say so. */
final class DownSyndromeMapper {

    private DownSyndromeMapper() {
    }

    static Optional<DownSyndrome> map(List<Condition> conditions, MappingContext ctx) {
        return conditions.stream()
                .filter(c -> ctx.matches(c.getCode(), Codes.DOWN_SYNDROME))
                .min(Comparator.comparing(MappingContext::reference, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(c -> new DownSyndrome(MappingContext.reference(c)));
    }
}
