package org.allcds.mapping;

import static org.allcds.mapping.Fhir.allDiagnosis;
import static org.allcds.mapping.Fhir.asserted;
import static org.allcds.mapping.Fhir.condition;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.data;
import static org.allcds.mapping.Fhir.mapped;
import static org.allcds.mapping.Fhir.onset;
import static org.allcds.mapping.Fhir.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

class DiagnosisMapperTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2026-01-01");

    private static Optional<Diagnosis> diagnosis(MappingContext ctx, Condition... conditions) {
        List<Condition> usable = Resources.conditions(data(conditions));
        return DiagnosisMapper.map(DiagnosisMapper.allConditions(usable, ctx), ctx);
    }

    private static Optional<Diagnosis> diagnosis(Condition... conditions) {
        return diagnosis(ctx(), conditions);
    }

    @Test
    void assertedDate_winsOverOnsetAndRecorded() {
        Condition dx = recorded(onset(allDiagnosis("dx", "2020-03-10"), "2020-03-01"), "2020-03-20");

        assertThat(diagnosis(dx)).contains(new Diagnosis(LocalDate.parse("2020-03-10"), "assertedDate", "Condition/dx"));
    }

    @Test
    void withoutAssertedDate_onsetDateTimeIsUsed() {
        Condition dx = recorded(onset(condition("dx", Codes.snomed("91857003")), "2020-03-01"), "2020-03-20");

        assertThat(diagnosis(dx)).contains(new Diagnosis(LocalDate.parse("2020-03-01"), "onsetDateTime", "Condition/dx"));
    }

    @Test
    void withoutAssertedOrOnset_recordedDateIsUsed() {
        Condition dx = recorded(condition("dx", Codes.icd("C91.00")), "2020-03-20");

        assertThat(diagnosis(dx)).contains(new Diagnosis(LocalDate.parse("2020-03-20"), "recordedDate", "Condition/dx"));
    }

    @Test
    void impreciseAssertedDate_fallsBackToOnsetAndIsReported() {
        Condition dx = onset(allDiagnosis("dx", "2020-03"), "2020-03-01");
        MappingContext ctx = ctx();

        assertThat(diagnosis(ctx, dx)).get().extracting(Diagnosis::basis).isEqualTo("onsetDateTime");
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("imprecise-date", "Condition.extension:assertedDate", "Condition/dx"));
    }

    @Test
    void severalAllConditions_earliestDiagnosisDateWins() {
        Condition relapseCode = asserted(condition("later", Codes.icd("C91.02")), "2022-05-01");
        Condition first = allDiagnosis("first", "2020-03-10");

        assertThat(diagnosis(relapseCode, first)).get().extracting(Diagnosis::reference).isEqualTo("Condition/first");
    }

    @Test
    void everyContractCode_isAnAllDiagnosis() {
        for (var code : Codes.ALL_DIAGNOSIS) {
            assertThat(diagnosis(asserted(condition("dx", code), "2020-03-10"))).as(code.toString()).isPresent();
        }
    }

    @Test
    void unknownCode_isIgnored() {
        assertThat(diagnosis(asserted(condition("dx", Codes.snomed("254637007")), "2020-03-10"))).isEmpty();
    }

    @Test
    void noDateAtAll_givesNoDiagnosis() {
        assertThat(diagnosis(condition("dx", Codes.local("b-all")))).isEmpty();
    }

    @Test
    void assertedDateTime_isTheDateItWasWrittenIn() {
        // E9
        assertThat(diagnosis(allDiagnosis("dx", "2020-03-10T23:45:00-08:00")))
                .get().extracting(Diagnosis::date).isEqualTo(LocalDate.parse("2020-03-10"));
    }

    @Test
    void clinicalStatusRelapse_doesNotMatter() {
        Condition dx = allDiagnosis("dx", "2020-03-10");
        dx.setClinicalStatus(Fhir.concept(new ConceptTranslator.Code(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "relapse")));

        assertThat(mapped(Diagnosis.class, EVALUATION, dx)).hasSize(1);
    }

    private static final Optional<LocalDate> BORN = Optional.of(LocalDate.parse("2011-01-01"));

    private static Age age(int value, String code) {
        return (Age) new Age().setValue(value).setSystem(Codes.UCUM).setCode(code);
    }

    private static Optional<Diagnosis> byAge(MappingContext ctx, Type onset, String recorded) {
        Condition dx = recorded(condition("dx", Codes.local("b-all")), recorded).setOnset(onset);
        return DiagnosisMapper.map(List.of(dx), BORN, ctx);
    }

    /**
     * An onset age of 4 years covers the year from the 4th birthday: an entry date outside it is not the diagnosis date
     * (as for an onset of a year only, no date then); one inside it is the same diagnosis told to the day.
     */
    @Test
    void onsetAge_coversItsDays_andAnEntryDateOutsideIsNotUsed() {
        MappingContext ctx = ctx();
        assertThat(byAge(ctx, age(4, "a"), "2017-03-01")).isEmpty();
        assertThat(ctx.issues())
                .containsExactly(new DataQualityIssue("imprecise-date", "Condition.onsetAge", "Condition/dx"));
        assertThat(byAge(ctx(), age(4, "a"), "2015-12-31"))
                .contains(new Diagnosis(LocalDate.parse("2015-12-31"), "recordedDate", "Condition/dx"));
        Range ages = new Range().setLow(age(4, "a")).setHigh(age(5, "a"));
        assertThat(byAge(ctx(), ages, "2016-12-31")).as("a range of ages: 4 to 5 years").isPresent();
        assertThat(byAge(ctx(), ages, "2017-01-01")).as("after the range").isEmpty();
        assertThat(byAge(ctx(), age(1500, "d"), "2017-03-01")).as("an age in days is a date")
                .contains(new Diagnosis(LocalDate.parse("2015-02-09"), "onsetAge", "Condition/dx"));
        assertThat(DiagnosisMapper.map(List.of(recorded(condition("dx", Codes.local("b-all")), "2017-03-01")
                .setOnset(age(4, "a"))), Optional.empty(), ctx())).as("without a birth date, as before").isPresent();
    }
}
