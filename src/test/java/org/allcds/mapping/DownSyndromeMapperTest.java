package org.allcds.mapping;

import static org.allcds.mapping.Fhir.condition;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.DownSyndrome;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;

class DownSyndromeMapperTest {

    private static Optional<DownSyndrome> map(Condition... conditions) {
        return DownSyndromeMapper.map(Resources.conditions(data(conditions)), ctx());
    }

    @Test
    void everyContractCode_givesDownSyndrome() {
        for (var code : Codes.DOWN_SYNDROME) {
            assertThat(map(condition("ds", code))).as(code.toString()).contains(new DownSyndrome("Condition/ds"));
        }
    }

    @Test
    void severalConditions_giveOneFact() {
        assertThat(map(condition("b", Codes.icd("Q90.9")), condition("a", Codes.snomed("41040004"))))
                .contains(new DownSyndrome("Condition/a"));
    }

    @Test
    void otherCode_isIgnored() {
        assertThat(map(condition("c", Codes.icd("Q91.3")))).isEmpty();
    }

    @Test
    void noConditions_giveNoFact() {
        assertThat(DownSyndromeMapper.map(List.of(), ctx())).isEmpty();
    }
}
