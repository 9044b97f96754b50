package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.flag;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class TesticularMapperTest {

    private static Observation testis(String id, String date) {
        return observation(id, Codes.local("testicular-involvement"), date);
    }

    @Test
    void true_givesInvolvementPresent() {
        assertThat(TesticularMapper.map(List.of(flag(testis("t", "2020-03-11"), true)), ctx()))
                .contains(new TesticularInvolvement(true, LocalDate.parse("2020-03-11"), "Observation/t"));
    }

    @Test
    void false_givesInvolvementAbsent() {
        assertThat(TesticularMapper.map(List.of(flag(testis("t", "2020-03-11"), false)), ctx()))
                .get().extracting(TesticularInvolvement::present).isEqualTo(false);
    }

    @Test
    void nonBooleanValue_isIgnored() {
        assertThat(TesticularMapper.map(List.of(testis("t", "2020-03-11").setValue(new StringType("yes"))), ctx()))
                .isEmpty();
    }

    @Test
    void severalResults_mostRecentWins() {
        assertThat(TesticularMapper.map(List.of(flag(testis("old", "2020-03-11"), true),
                flag(testis("new", "2020-03-12"), false)), ctx()))
                .get().extracting(TesticularInvolvement::reference).isEqualTo("Observation/new");
    }
}
