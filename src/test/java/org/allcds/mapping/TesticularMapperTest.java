package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.flag;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class TesticularMapperTest {

    private static final java.util.Optional<Diagnosis> DIAGNOSIS = java.util.Optional.of(
            new Diagnosis(LocalDate.parse("2020-03-10"), null, "Condition/dx"));

    private static Observation testis(String id, String date) {
        return observation(id, Codes.local("testicular-involvement"), date);
    }

    @Test
    void true_givesInvolvementPresent() {
        assertThat(map(List.of(flag(testis("t", "2020-03-11"), true)), ctx()))
                .contains(new TesticularInvolvement(true, LocalDate.parse("2020-03-11"), "Observation/t"));
    }

    @Test
    void false_givesInvolvementAbsent() {
        assertThat(map(List.of(flag(testis("t", "2020-03-11"), false)), ctx()))
                .get().extracting(TesticularInvolvement::present).isEqualTo(false);
    }

    /**
     * A value that is not a boolean (a text, a code) is a result the lab sent that cannot be read: it is named, and it
     * may say involved (R-DX-08 raises the group), so a "none" beside it does not stand; involvement read beside it does,
     * as a CNS3 beside a CNS status in a code not recognised.
     */
    @Test
    void nonBooleanValue_isNamed_andLeavesInvolvementUnknown_unlessInvolvementIsRead() {
        MappingContext ctx = ctx();
        Observation text = testis("t", "2020-03-11").setValue(new StringType("yes"));
        Observation coded = Fhir.coded(testis("c", "2020-03-12"), new ConceptTranslator.Code("http://loinc.org", "LA33-6"));

        assertThat(map(List.of(text, coded, flag(testis("clear", "2020-03-13"), false)), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactlyInAnyOrder(tuple("code-not-recognised", "Observation.valueString", "Observation/t"),
                        tuple("code-not-recognised", "Observation.value[x]", "Observation/c"));
        assertThat(map(List.of(text, flag(testis("involved", "2020-03-13"), true)), ctx()))
                .get().extracting(TesticularInvolvement::present).isEqualTo(true);
    }

    @Test
    void severalResults_withoutInvolvement_theFirstOfTheWorkUpStands() {
        assertThat(map(List.of(flag(testis("old", "2020-03-11"), false),
                flag(testis("new", "2020-03-12"), false)), ctx()))
                .get().extracting(TesticularInvolvement::reference).isEqualTo("Observation/old");
    }

    /** Involvement found after the diagnostic work-up (diagnosis + 14 days) is another time point, not at diagnosis. */
    @Test
    void involvementFoundAfterTheWorkUp_isNotAtDiagnosis() {
        assertThat(map(List.of(flag(testis("dx", "2020-03-11"), false), flag(testis("later", "2020-03-25"), true)),
                ctx())).get().satisfies(t -> assertThat(t.present()).isFalse());
    }

    /** Involvement at diagnosis is not undone by a later examination that finds the testes clear (R-DX-08). */
    @Test
    void involvementOnceRecorded_isNotUndoneByALaterClearResult() {
        assertThat(map(List.of(flag(testis("dx", "2020-03-11"), true),
                flag(testis("later", "2020-03-20"), false), flag(testis("first", "2020-03-12"), true)), ctx()))
                .get().satisfies(t -> {
                    assertThat(t.present()).isTrue();
                    assertThat(t.reference()).isEqualTo("Observation/dx");
                });
    }

    /** Involvement and none at one time contradict each other: neither is used. */
    @Test
    void involvementContradictedAtItsTime_isNotUsed() {
        assertThat(map(List.of(flag(testis("a", "2020-03-11"), true),
                flag(testis("b", "2020-03-11"), false)), ctx())).isEmpty();
    }

    /** Results with no relapse in the record. */
    private static java.util.Optional<TesticularInvolvement> map(List<Observation> results, MappingContext ctx) {
        return TesticularMapper.map(results, DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx);
    }

    /** Involvement recorded at a relapse (on or after its first day) is not involvement at diagnosis. */
    @Test
    void involvementFromTheFirstRelapseOn_isNotAtDiagnosis() {
        assertThat(TesticularMapper.map(List.of(flag(testis("dx", "2020-03-11"), false),
                flag(testis("relapse", "2020-03-20"), true)), DIAGNOSIS,
                new RelapseMapper.RelapseCut(java.util.Optional.of(LocalDate.parse("2020-03-20")),
                        java.util.Optional.of(LocalDate.parse("2020-03-20")), false), ctx()))
                .get().satisfies(t -> assertThat(t.present()).isFalse());
    }
}
