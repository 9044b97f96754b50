package org.allcds.mapping;

import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CnsMapperTest {

    private static final java.util.Optional<Diagnosis> DIAGNOSIS = java.util.Optional.of(
            new Diagnosis(LocalDate.parse("2020-03-10"), null, "Condition/dx"));
    private static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private static Observation cns(String id, String date, String value) {
        return coded(observation(id, Codes.local("cns-status"), date), Codes.local(value));
    }

    @Test
    void cns3_givesCnsStatus() {
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "cns3")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .contains(new CnsStatus(CnsClass.CNS3, LocalDate.parse("2020-03-11"), "Observation/c"));
    }

    /** A clear LP later in the work-up shows clearance, not the status at diagnosis: the worst class counts. */
    @Test
    void severalResultsOfTheWorkUp_theWorstClassCounts() {
        assertThat(CnsMapper.map(List.of(cns("new", "2020-03-12", "cns1"), cns("old", "2020-03-11", "cns2")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .get().extracting(CnsStatus::value).isEqualTo(CnsClass.CNS2);
    }

    /** By convention the work-up runs from 7 days before the diagnosis to 14 after it; a result outside is not used. */
    @Test
    void resultsOutsideTheWorkUp_areNotUsedNorReported() {
        MappingContext ctx = ctx();

        assertThat(CnsMapper.map(List.of(cns("before", "2020-03-02", "cns3"), cns("first", "2020-03-03", "cns1"),
                cns("last", "2020-03-24", "cns1"), cns("after", "2020-03-25", "cns3"), cns("month", "2020-05", "cns3")),
                DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx)).get().extracting(CnsStatus::reference)
                .isEqualTo("Observation/first");
        assertThat(ctx.issues()).isEmpty();
    }

    /** An undated CNS3 may be of the work-up or of maintenance: the status is not known, and the result named. */
    @Test
    void undatedResultThatWouldBeWorse_givesNoCnsStatus_andIsNamed() {
        MappingContext ctx = ctx();
        Observation undated = cns("u", "2020-03-10", "cns3").setEffective(null);

        assertThat(CnsMapper.map(List.of(undated, cns("d", "2020-03-10", "cns1")), DIAGNOSIS,
                RelapseMapper.RelapseCut.NONE, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("missing-date", "Observation/u"));
        assertThat(CnsMapper.map(List.of(undated, cns("d", "2020-03-10", "cns3")), DIAGNOSIS,
                RelapseMapper.RelapseCut.NONE, ctx())).get().extracting(CnsStatus::reference).isEqualTo("Observation/d");
    }

    /** A value outside the value set is not read, and the record is reported, so a card names it. */
    @Test
    void unknownValue_isNotRead_andIsReportedAsNotRecognised() {
        MappingContext ctx = ctx();

        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-09", "tlp-positive"), cns("d", "2020-03-10", "cns3")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx))
                .get().extracting(CnsStatus::reference).isEqualTo("Observation/d");
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.value[x]", "Observation/c"));
    }

    /** A CNS status of the work-up cannot be read: it may be CNS3, so a CNS1 does not stand in for it. */
    @Test
    void valueNotRecognised_givesNoCnsStatus_notACns1BesideIt() {
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "tlp-positive"), cns("d", "2020-03-10", "cns1")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .isEmpty();
    }

    /** A latest CNS status written as text is a result that cannot be read, not no result; one without a value is none. */
    @Test
    void latestValueAsText_givesNoCnsStatus_andIsReported_butNoValueIsNoResult() {
        MappingContext ctx = ctx();
        Observation text = Fhir.text(observation("t", Codes.local("cns-status"), "2020-03-11"), "CNS3, traumatic tap");
        Observation noValue = observation("n", Codes.local("cns-status"), "2020-03-12");

        assertThat(CnsMapper.map(List.of(text, noValue, cns("d", "2020-03-10", "cns1")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.valueString", "Observation/t"));
        assertThat(CnsMapper.map(List.of(noValue, cns("d", "2020-03-10", "cns1")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .get().extracting(CnsStatus::reference).isEqualTo("Observation/d");
    }

    /**
     * A later result whose value carries only a data-absent reason, whatever the value's type, says nothing was sent,
     * as the Observation's own dataAbsentReason does: the older CNS1 stands and nothing is reported.
     */
    @ParameterizedTest
    @MethodSource("valuesCarryingOnlyADataAbsentReason")
    void latestValueCarryingOnlyADataAbsentReason_isNoResult(Type value) {
        MappingContext ctx = ctx();
        Observation absent = observation("n", Codes.local("cns-status"), "2020-03-12").setValue(value);

        assertThat(CnsMapper.map(List.of(absent, cns("d", "2020-03-10", "cns1")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx))
                .get().extracting(CnsStatus::reference).isEqualTo("Observation/d");
        assertThat(ctx.issues()).isEmpty();
    }

    static Stream<Type> valuesCarryingOnlyADataAbsentReason() {
        return Stream.of(new CodeableConcept(), new StringType(), new Quantity(), new BooleanType())
                .map(value -> {
                    value.addExtension(new Extension(DATA_ABSENT_REASON, new CodeType("unknown")));
                    return value;
                });
    }

    /** A CNS3 of the work-up beside a relapse record without any date cannot be placed before that relapse. */
    @Test
    void cns3BesideARelapseRecordWithoutADate_givesNoCnsStatus() {
        RelapseMapper.RelapseCut undatedRelapse = new RelapseMapper.RelapseCut(java.util.Optional.empty(),
                java.util.Optional.empty(), true);

        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "cns3")), DIAGNOSIS, undatedRelapse, ctx())).isEmpty();
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "cns1")), DIAGNOSIS, undatedRelapse, ctx()))
                .get().extracting(CnsStatus::value).isEqualTo(CnsClass.CNS1);
    }

    @Test
    void noDiagnosisDate_givesNoCnsStatus() {
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "cns3")), java.util.Optional.empty(),
                RelapseMapper.RelapseCut.NONE, ctx())).isEmpty();
    }

    @Test
    void noResult_givesNoCnsStatus() {
        assertThat(CnsMapper.map(List.of(), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx())).isEmpty();
    }
}
