package org.allcds.mapping;

import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.UnrecognisedGeneticResult;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class GeneticsMapperTest {

    private static Observation subtype(String id, String date, String code) {
        return coded(observation(id, Codes.local("genetic-subtype"), date), Codes.local(code));
    }

    private static Observation fish(String id, String loinc, ConceptTranslator.Code answer) {
        return coded(observation(id, Codes.loinc(loinc), "2020-03-12"), answer);
    }

    /** The genetic findings mapped (the test's own context, for tests that read its issues). */
    private static List<GeneticFinding> findings(List<Observation> observations, MappingContext ctx) {
        return GeneticsMapper.map(observations, ctx).stream().filter(GeneticFinding.class::isInstance)
                .map(GeneticFinding.class::cast).toList();
    }

    @Test
    void noneDetectedBesideASubtypeFound_onOneDay_areNeitherUsed_andAreReported() {
        MappingContext ctx = ctx();

        assertThat(findings(List.of(subtype("none", "2020-03-12", "none-detected"),
                subtype("etv6", "2020-03-12", "etv6-runx1")), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::reference)
                .containsExactlyInAnyOrder("Observation/none", "Observation/etv6");
    }

    @Test
    void oneSubtypeFoundAndAbsent_onOneDay_isNeitherUsed() {
        MappingContext ctx = ctx();

        assertThat(findings(List.of(subtype("etv6", "2020-03-12", "etv6-runx1"),
                fish("fish", "77039-6", Codes.FISH_ABSENT)), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsOnly("conflicting-results");
    }

    @Test
    void resultsOfDifferentDays_orOfDifferentSubtypes_doNotContradict() {
        MappingContext ctx = ctx();

        assertThat(findings(List.of(subtype("none", "2020-01-02", "none-detected"),
                subtype("bcr", "2020-03-12", "bcr-abl1"), fish("fish", "77039-6", Codes.FISH_ABSENT)), ctx)).hasSize(3);
        assertThat(ctx.issues()).isEmpty();
    }

    @Test
    void localSubtype_givesPresentFinding() {
        assertThat(findings(List.of(subtype("g", "2020-03-12", "etv6-runx1")), ctx())).containsExactly(
                new GeneticFinding(GeneticSubtype.ETV6_RUNX1, true, LocalDate.parse("2020-03-12"), "Observation/g"));
    }

    @Test
    void everyContractSubtype_isRecognised() {
        for (GeneticSubtype s : GeneticSubtype.values()) {
            assertThat(findings(List.of(subtype("g", "2020-03-12", s.code())), ctx()))
                    .extracting(GeneticFinding::subtype).containsExactly(s);
        }
    }

    @Test
    void onePerFinding_inChronologicalOrder() {
        assertThat(findings(List.of(subtype("b", "2020-03-20", "iamp21"),
                subtype("a", "2020-03-12", "high-hyperdiploidy")), ctx()))
                .extracting(GeneticFinding::subtype)
                .containsExactly(GeneticSubtype.HIGH_HYPERDIPLOIDY, GeneticSubtype.IAMP21);
    }

    @Test
    void fishPresent_givesPresentFinding() {
        assertThat(findings(List.of(fish("f", "51867-0", Codes.FISH_PRESENT)), ctx()))
                .containsExactly(new GeneticFinding(GeneticSubtype.BCR_ABL1, true, LocalDate.parse("2020-03-12"),
                        "Observation/f"));
    }

    @Test
    void fishAbsent_givesNegativeFinding() {
        assertThat(findings(List.of(fish("f", "78219-3", Codes.FISH_ABSENT)), ctx()))
                .extracting(GeneticFinding::subtype, GeneticFinding::present)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GeneticSubtype.KMT2A_R, false));
    }

    @Test
    void everyFishCode_isRecognised() {
        assertThat(findings(List.of(fish("a", "77039-6", Codes.FISH_PRESENT),
                fish("b", "51867-0", Codes.FISH_PRESENT), fish("c", "78219-3", Codes.FISH_PRESENT),
                fish("d", "77030-5", Codes.FISH_PRESENT)), ctx()))
                .extracting(GeneticFinding::subtype).containsExactly(GeneticSubtype.ETV6_RUNX1,
                        GeneticSubtype.BCR_ABL1, GeneticSubtype.KMT2A_R, GeneticSubtype.TCF3_PBX1);
    }

    /** An answer outside Present/Absent leaves its one subtype untested: no finding, and the record is named. */
    @Test
    void fishWithUnknownAnswer_isKeptAsUnrecognisedForItsSubtype_andReported() {
        MappingContext ctx = ctx();

        assertThat(GeneticsMapper.map(List.of(fish("f", "77039-6", Codes.loinc("LA4489-6"))), ctx)).containsExactly(
                new UnrecognisedGeneticResult(GeneticSubtype.ETV6_RUNX1, LocalDate.parse("2020-03-12"), "Observation/f"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation/f"));
    }

    /** The lab found a subtype the service cannot read: kept, so that the rules can keep a very-high-risk one open. */
    @Test
    void unknownSubtypeCode_isKeptAsUnrecognised_andReported() {
        MappingContext ctx = ctx();

        assertThat(GeneticsMapper.map(List.of(subtype("g", "2020-03-12", "ikzf1-plus"),
                subtype("e", "2020-03-12", "etv6-runx1")), ctx)).containsExactly(
                new GeneticFinding(GeneticSubtype.ETV6_RUNX1, true, LocalDate.parse("2020-03-12"), "Observation/e"),
                new UnrecognisedGeneticResult(null, LocalDate.parse("2020-03-12"), "Observation/g"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.value[x]", "Observation/g"));
    }

    /**
     * A result written as text, or a FISH answered with a boolean, is a result the service cannot read, not no result:
     * kept like a code outside the value set, and named by the element sent. A result without a value is none.
     */
    @Test
    void valueOfAnotherTypeThanACode_isKeptAsUnrecognised_andReportedByItsElement() {
        MappingContext ctx = ctx();
        Observation text = Fhir.text(observation("t", Codes.local("genetic-subtype"), "2020-03-12"), "KMT2A rearranged");
        Observation answeredTrue = Fhir.flag(observation("f", Codes.loinc("78219-3"), "2020-03-12"), true);
        Observation absent = observation("a", Codes.local("genetic-subtype"), "2020-03-12");

        assertThat(GeneticsMapper.map(List.of(text, answeredTrue, absent), ctx)).containsExactly(
                new UnrecognisedGeneticResult(GeneticSubtype.KMT2A_R, LocalDate.parse("2020-03-12"), "Observation/f"),
                new UnrecognisedGeneticResult(null, LocalDate.parse("2020-03-12"), "Observation/t"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.valueBoolean", "Observation/f"),
                        Tuple.tuple("code-not-recognised", "Observation.valueString", "Observation/t"));
    }
}
