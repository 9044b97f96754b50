package org.allcds.mapping;

import static org.allcds.mapping.Fhir.allDiagnosis;
import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.data;
import static org.allcds.mapping.Fhir.flag;
import static org.allcds.mapping.Fhir.mrd;
import static org.allcds.mapping.Fhir.observation;
import static org.allcds.mapping.Fhir.relapse;
import static org.allcds.mapping.Fhir.status;
import static org.allcds.mapping.Fhir.wbc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.Lineage;
import org.allcds.facts.Mrd;
import org.allcds.facts.Relapse;
import org.allcds.facts.TesticularInvolvement;
import org.allcds.facts.UnclassifiedRelapse;
import org.allcds.facts.UnrecognisedGeneticResult;
import org.allcds.facts.WbcAtDiagnosis;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Observation.status: a registered or preliminary result is never used; where it is, or may be, the result an input is
 * taken from, the input is awaited and the record named; a final-class result of its concept and time replaces it.
 */
class ResultStatusTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2024-01-01");
    private static final Optional<Diagnosis> DIAGNOSIS = Optional.of(
            new Diagnosis(LocalDate.parse("2020-03-10"), "assertedDate", "Condition/dx"));

    private static List<Object> facts(Observation... observations) {
        List<org.hl7.fhir.r4.model.Resource> resources = new java.util.ArrayList<>(List.of(observations));
        resources.add(allDiagnosis("dx", "2020-03-10"));
        return new FactMapper().map(data(resources.toArray(org.hl7.fhir.r4.model.Resource[]::new)), EVALUATION);
    }

    private static <T> List<T> ofType(List<Object> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> named(List<Object> facts) {
        return ofType(facts, DataQualityIssue.class).stream().filter(i -> i.code().equals(ResultStatus.PRELIMINARY))
                .map(DataQualityIssue::reference).toList();
    }

    private static List<String> conflicts(List<Object> facts) {
        return ofType(facts, DataQualityIssue.class).stream().filter(i -> i.code().equals(SameTime.CONFLICT))
                .map(DataQualityIssue::reference).toList();
    }

    private static Observation eoi(String id, String date, String value) {
        return mrd(id, "end-of-induction", date, value, "%");
    }

    private static Observation cns(String id, String date, String value) {
        return coded(observation(id, Codes.local("cns-status"), date), Codes.local(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"preliminary", "registered"})
    void theOnlyResultNotYetFinal_givesNoFact_andIsNamed(String status) {
        List<Object> facts = facts(status(eoi("m", "2020-04-07", "0.004"), status));

        assertThat(ofType(facts, Mrd.class)).isEmpty();
        assertThat(ofType(facts, DataQualityIssue.class)).extracting(DataQualityIssue::code, DataQualityIssue::detail,
                DataQualityIssue::recordName).contains(tuple(ResultStatus.PRELIMINARY, "Observation.status " + status,
                "End-of-induction MRD (2020-04-07)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"final", "amended", "corrected"})
    void aFinalClassResultOfItsSampleAndTime_replacesThePreliminaryOne_withoutAConflict(String status) {
        List<Object> facts = facts(status(eoi("prelim", "2020-04-07", "0.004"), "preliminary"),
                status(eoi("final", "2020-04-07", "0.012"), status));

        assertThat(ofType(facts, Mrd.class)).extracting(Mrd::reference).containsExactly("Observation/final");
        assertThat(conflicts(facts)).isEmpty();
        assertThat(named(facts)).isEmpty();
    }

    @Test
    void oneInstantWrittenInTwoOffsets_isOneTime_soTheFinalResultReplacesThePreliminaryOne() {
        List<Object> facts = facts(status(eoi("prelim", "2020-04-07T23:30:00-05:00", "0.004"), "preliminary"),
                eoi("final", "2020-04-08T04:30:00Z", "0.012"));

        assertThat(ofType(facts, Mrd.class)).extracting(Mrd::reference).containsExactly("Observation/final");
    }

    @Test
    void aFinalResultOfAnotherTimepoint_doesNotReplaceThePreliminaryOne() {
        List<Object> facts = facts(status(mrd("prelim", "day8-pb", "2020-03-18", "0.5", "%"), "preliminary"),
                mrd("final", "end-of-induction", "2020-03-18", "0.004", "%"));

        assertThat(ofType(facts, Mrd.class)).extracting(Mrd::timepoint, Mrd::reference)
                .containsExactly(tuple(org.allcds.facts.MrdTimepoint.END_OF_INDUCTION, "Observation/final"));
        assertThat(named(facts)).containsExactly("Observation/prelim");
    }

    @Test
    void twoFinalClassResultsOfOneTimeThatDisagree_stayAConflict() {
        List<Object> facts = facts(eoi("final", "2020-04-07", "0.004"), status(eoi("amended", "2020-04-07", "0.012"),
                "amended"));

        assertThat(ofType(facts, Mrd.class)).isEmpty();
        assertThat(conflicts(facts)).containsExactly("Observation/amended", "Observation/final");
    }

    @Test
    void statusUnknown_isUsed_andDoesNotReplaceAPreliminaryResult() {
        assertThat(ofType(facts(status(eoi("m", "2020-04-07", "0.004"), "unknown")), Mrd.class)).hasSize(1);

        List<Object> facts = facts(status(eoi("prelim", "2020-04-07", "0.004"), "preliminary"),
                status(eoi("unknown", "2020-04-07", "0.004"), "unknown"));
        assertThat(ofType(facts, Mrd.class)).isEmpty();
        assertThat(named(facts)).containsExactly("Observation/prelim");
    }

    @Test
    void aPreliminaryResultAfterAFinalOne_isTheLatest_soTheOlderDoesNotStandIn() {
        List<Object> facts = facts(eoi("final", "2020-04-07", "0.004"),
                status(eoi("repeat", "2020-04-14", "0.003"), "preliminary"));

        assertThat(ofType(facts, Mrd.class)).isEmpty();
        assertThat(named(facts)).containsExactly("Observation/repeat");
    }

    @Test
    void aPreliminaryResultBeforeAFinalOne_changesNothing_andIsNotNamed() {
        List<Object> facts = facts(status(eoi("first", "2020-04-07", "0.5"), "preliminary"),
                eoi("repeat", "2020-04-14", "0.004"));

        assertThat(ofType(facts, Mrd.class)).extracting(Mrd::reference).containsExactly("Observation/repeat");
        assertThat(named(facts)).isEmpty();
    }

    @Test
    void latestMarrowBlastsPreliminary_giveNoBlasts() {
        List<Object> facts = facts(Fhir.blasts("final", "end-of-induction", "2020-04-07", "2"),
                status(Fhir.blasts("repeat", "end-of-induction", "2020-04-14", "30"), "preliminary"));

        assertThat(ofType(facts, org.allcds.facts.MarrowBlasts.class)).isEmpty();
        assertThat(named(facts)).containsExactly("Observation/repeat");
    }

    @Test
    void undatedPreliminaryResult_mayBeTheLatest() {
        List<Object> facts = facts(eoi("final", "2020-04-07", "0.004"), status(eoi("undated", null, "0.004"),
                "preliminary"));

        assertThat(ofType(facts, Mrd.class)).isEmpty();
        assertThat(named(facts)).containsExactly("Observation/undated");
    }

    @Test
    void earliestWbcPreliminary_givesNoWbcAtDiagnosis_aLaterCountDoesNotStandIn() {
        MappingContext ctx = ctx();
        assertThat(WbcMapper.map(List.of(status(wbc("er", "2020-03-09", "80", "10*9/L"), "preliminary"),
                wbc("ward", "2020-03-10", "8", "10*9/L")), DIAGNOSIS, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(tuple(ResultStatus.PRELIMINARY, "Observation/er"));
    }

    @Test
    void preliminaryWbcAfterTheEarliestCount_changesNothing() {
        MappingContext ctx = ctx();
        assertThat(WbcMapper.map(List.of(wbc("er", "2020-03-09", "8", "10*9/L"),
                status(wbc("ward", "2020-03-10", "80", "10*9/L"), "preliminary")), DIAGNOSIS, ctx))
                .get().extracting(WbcAtDiagnosis::reference).isEqualTo("Observation/er");
        assertThat(ctx.issues()).isEmpty();
    }

    @Test
    void correctedWbcBesideItsPreliminaryCount_isTheCount() {
        List<Object> facts = facts(status(wbc("analyser", "2020-03-10T09:30:00+01:00", "80", "10*9/L"), "preliminary"),
                status(wbc("corrected", "2020-03-10T09:30:00+01:00", "8", "10*9/L"), "corrected"));

        assertThat(ofType(facts, WbcAtDiagnosis.class)).containsExactly(new WbcAtDiagnosis(new BigDecimal("8"),
                LocalDate.parse("2020-03-10"), "Observation/corrected"));
        assertThat(conflicts(facts)).isEmpty();
    }

    @Test
    void preliminaryCnsResult_mayBeCns3_soAnOlderCns1DoesNotDecide() {
        MappingContext ctx = ctx();
        assertThat(CnsMapper.map(List.of(cns("dx", "2020-03-11", "cns1"), status(cns("lp2", "2020-03-13", "cns1"),
                "preliminary")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::reference).containsExactly("Observation/lp2");
    }

    @Test
    void finalCns3_decidesBesideAPreliminaryResult() {
        assertThat(CnsMapper.map(List.of(cns("dx", "2020-03-11", "cns3"), status(cns("lp2", "2020-03-13", "cns1"),
                "preliminary")), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .contains(new CnsStatus(CnsClass.CNS3, LocalDate.parse("2020-03-11"), "Observation/dx"));
    }

    @Test
    void preliminaryTesticularExamination_leavesInvolvementUnknown_unlessAFinalOneShowsIt() {
        Observation none = flag(observation("none", Codes.local("testicular-involvement"), "2020-03-11"), false);
        Observation prelim = status(flag(observation("prelim", Codes.local("testicular-involvement"), "2020-03-12"),
                false), "preliminary");
        Observation involved = flag(observation("inv", Codes.local("testicular-involvement"), "2020-03-11"), true);

        assertThat(TesticularMapper.map(List.of(none, prelim), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx())).isEmpty();
        assertThat(TesticularMapper.map(List.of(involved, prelim), DIAGNOSIS, RelapseMapper.RelapseCut.NONE, ctx()))
                .contains(new TesticularInvolvement(true, LocalDate.parse("2020-03-11"), "Observation/inv"));
    }

    @Test
    void preliminaryGeneticResult_isNotAFinding_butKeepsItsSubtypeOpen() {
        Observation etv6 = status(coded(observation("g", Codes.local("genetic-subtype"), "2020-03-12"),
                Codes.local("etv6-runx1")), "preliminary");
        Observation bcrAbl1 = status(coded(observation("f", Codes.loinc("51867-0"), "2020-03-12"), Codes.FISH_PRESENT),
                "preliminary");
        MappingContext ctx = ctx();

        List<Object> facts = GeneticsMapper.map(List.of(etv6, bcrAbl1), ctx);

        assertThat(facts).noneMatch(GeneticFinding.class::isInstance);
        assertThat(facts).containsExactly(
                new UnrecognisedGeneticResult(GeneticSubtype.BCR_ABL1, LocalDate.parse("2020-03-12"), "Observation/f"),
                new UnrecognisedGeneticResult(null, LocalDate.parse("2020-03-12"), "Observation/g"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::reference).containsExactly("Observation/f", "Observation/g");
    }

    @Test
    void latestImmunophenotypePreliminary_givesNoLineage_theDiagnosisCodeDoesNotStandIn() {
        Observation flow = status(coded(observation("ip", Codes.loinc("101119-6"), "2020-03-11"),
                Codes.local("t-lineage")), "preliminary");

        assertThat(ofType(facts(flow), Lineage.class)).isEmpty();
    }

    @Test
    void preliminaryRelapseRecordBeforeTheConfirmedOne_isNotCounted_andIsNamed() {
        List<Object> facts = facts(status(relapse("suspected", "2023-08-16", "isolated-marrow"), "preliminary"),
                relapse("confirmed", "2023-08-20", "isolated-marrow"));

        assertThat(ofType(facts, Relapse.class)).extracting(Relapse::number, Relapse::reference)
                .containsExactly(tuple(1, "Observation/confirmed"));
        assertThat(named(facts)).containsExactly("Observation/suspected");
    }

    @Test
    void preliminaryRelapseRecordAfterTheConfirmedOne_leavesTheRelapseUnclassified() {
        List<Object> facts = facts(relapse("first", "2021-08-20", "isolated-marrow"),
                status(relapse("suspected", "2023-03-01", "isolated-marrow"), "preliminary"));

        assertThat(ofType(facts, Relapse.class)).isEmpty();
        assertThat(ofType(facts, UnclassifiedRelapse.class)).containsExactly(
                new UnclassifiedRelapse(UnclassifiedRelapse.CONFIRMATION, "Observation/suspected"));
        assertThat(named(facts)).containsExactly("Observation/suspected");
    }

    @Test
    void onlyRelapseRecordPreliminary_isNoRelapse_butIsNamed() {
        List<Object> facts = facts(status(relapse("suspected", "2023-03-01", "isolated-marrow"), "preliminary"));

        assertThat(ofType(facts, Relapse.class)).isEmpty();
        assertThat(ofType(facts, UnclassifiedRelapse.class)).extracting(UnclassifiedRelapse::missing)
                .containsExactly(UnclassifiedRelapse.CONFIRMATION);
        assertThat(named(facts)).containsExactly("Observation/suspected");
    }
}
