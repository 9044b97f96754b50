package org.allcds.mapping;

import static org.allcds.mapping.Fhir.allDiagnosis;
import static org.allcds.mapping.Fhir.asserted;
import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.component;
import static org.allcds.mapping.Fhir.condition;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Cd19;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.Lineage;
import org.allcds.facts.LineageAtDiagnosis;
import org.allcds.facts.LineageType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class LineageMapperTest {

    private static Observation immunophenotype(String id, String date, String lineage) {
        return coded(observation(id, Codes.loinc("101119-6"), date), Codes.local(lineage));
    }

    private static Optional<Lineage> lineage(List<Observation> observations, Condition... conditions) {
        MappingContext ctx = ctx();
        List<Condition> all = DiagnosisMapper.allConditions(List.of(conditions), ctx);
        Optional<Diagnosis> diagnosis = DiagnosisMapper.map(all, ctx);
        return LineageMapper.map(observations, all, diagnosis, ctx);
    }

    /** The risk group at diagnosis reads the lineage of before the first relapse, as the CNS status at diagnosis. */
    private static List<Object> atDiagnosisAndLatest(Observation... records) {
        List<Object> facts = Fhir.mapped(Object.class, LocalDate.parse("2022-01-01"), records);
        return facts.stream().filter(f -> f instanceof Lineage || f instanceof LineageAtDiagnosis).toList();
    }

    @Test
    void relapseImmunophenotype_isTheLatestLineage_notTheLineageAtDiagnosis() {
        Observation atDiagnosis = component(immunophenotype("ip-dx", "2018-05-02", "b-lineage"), Codes.CD19,
                Codes.local("positive"));
        Observation atRelapse = component(immunophenotype("ip-rel", "2021-09-14", "b-lineage"), Codes.CD19,
                Codes.local("negative"));

        assertThat(atDiagnosisAndLatest(atDiagnosis, atRelapse, Fhir.relapse("rel", "2021-09-14", "isolated-marrow")))
                .containsExactlyInAnyOrder(
                        new Lineage(LineageType.B, Cd19.NEGATIVE, LineageMapper.FROM_IMMUNOPHENOTYPE,
                                LocalDate.parse("2021-09-14"), "Observation/ip-rel"),
                        new LineageAtDiagnosis(new Lineage(LineageType.B, Cd19.POSITIVE,
                                LineageMapper.FROM_IMMUNOPHENOTYPE, LocalDate.parse("2018-05-02"), "Observation/ip-dx")));
    }

    /** A lineage switch at relapse leaves the relapse's lineage unknown, not the diagnosis's. */
    @Test
    void lineageNotRecognisedAtRelapse_leavesTheLineageAtDiagnosis() {
        Observation atRelapse = coded(observation("ip-rel", Codes.loinc("101119-6"), "2021-09-14"),
                Codes.snomed("91861009"));

        assertThat(atDiagnosisAndLatest(immunophenotype("ip-dx", "2018-05-02", "b-lineage"), atRelapse,
                Fhir.relapse("rel", "2021-09-14", "isolated-marrow")))
                .singleElement().isInstanceOf(LineageAtDiagnosis.class);
    }

    @Test
    void withoutRelapse_theLineageAtDiagnosisIsTheLatest() {
        assertThat(atDiagnosisAndLatest(immunophenotype("ip-dx", "2018-05-02", "b-lineage"),
                immunophenotype("ip-later", "2018-06-02", "b-lineage")))
                .extracting(f -> f instanceof LineageAtDiagnosis d ? d.reference() : ((Lineage) f).reference())
                .containsOnly("Observation/ip-later");
    }

    @Test
    void immunophenotype_givesLineageWithCd19() {
        Observation flow = component(immunophenotype("ip", "2020-03-11", "b-lineage"), Codes.CD19, Codes.local("positive"));

        assertThat(lineage(List.of(flow))).contains(new Lineage(LineageType.B, Cd19.POSITIVE,
                LineageMapper.FROM_IMMUNOPHENOTYPE, LocalDate.parse("2020-03-11"), "Observation/ip"));
    }

    @Test
    void immunophenotype_cd19Negative() {
        Observation flow = component(immunophenotype("ip", "2020-03-11", "b-lineage"), Codes.CD19, Codes.local("negative"));

        assertThat(lineage(List.of(flow))).get().extracting(Lineage::cd19).isEqualTo(Cd19.NEGATIVE);
    }

    /** A CD19 result coded outside the value set may say negative: CD19 is NOT_READ, not unknown, and is reported. */
    @Test
    void cd19NotRecognised_isNotRead_andIsReported() {
        MappingContext ctx = ctx();
        Observation dim = component(immunophenotype("ip", "2020-03-11", "b-lineage"), Codes.local("cd19"),
                Codes.local("dim"));

        assertThat(LineageMapper.map(List.of(dim), List.of(), Optional.empty(), ctx)).get()
                .extracting(Lineage::cd19).isEqualTo(Cd19.NOT_READ);
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.component:cd19"));
    }

    /**
     * Results of one time: a result not read beside a positive one may be a negative, so CD19 is not read; beside a
     * negative one, negative decides (no CD19-directed therapy either way); positive beside negative conflicts. None
     * is a conflict of lineage: the lineage stands.
     */
    @Test
    void cd19NotRead_besideAReadResultOfTheSameTime() {
        Observation dim = component(immunophenotype("ip1", "2020-03-11", "b-lineage"), Codes.CD19, Codes.local("dim"));
        Observation positive = component(immunophenotype("ip2", "2020-03-11", "b-lineage"), Codes.CD19, Codes.local("positive"));
        Observation negative = component(immunophenotype("ip3", "2020-03-11", "b-lineage"), Codes.CD19, Codes.local("negative"));

        assertThat(lineage(List.of(dim, positive))).get().extracting(Lineage::cd19).isEqualTo(Cd19.NOT_READ);
        assertThat(lineage(List.of(positive, dim))).get().extracting(Lineage::cd19).isEqualTo(Cd19.NOT_READ);
        assertThat(lineage(List.of(dim, negative))).get().extracting(Lineage::cd19).isEqualTo(Cd19.NEGATIVE);
        assertThat(lineage(List.of(positive, negative))).get().extracting(Lineage::type, Lineage::cd19)
                .containsExactly(LineageType.B, Cd19.CONFLICTING);
    }

    @Test
    void immunophenotypeWithoutCd19_hasCd19Unknown() {
        assertThat(lineage(List.of(immunophenotype("ip", "2020-03-11", "t-lineage"))))
                .get().satisfies(l -> {
                    assertThat(l.type()).isEqualTo(LineageType.T);
                    assertThat(l.cd19()).isEqualTo(Cd19.UNKNOWN);
                });
    }

    @Test
    void immunophenotype_givesTheLineageAGenericDiagnosisCodeLeavesOpen() {
        Condition generic = asserted(condition("dx", Codes.snomed("91857003")), "2020-03-10");

        assertThat(lineage(List.of(immunophenotype("ip", "2020-03-11", "t-lineage")), generic))
                .get().extracting(Lineage::type).isEqualTo(LineageType.T);
    }

    @Test
    void immunophenotypeAgreeingWithTheDiagnosisCode_isUsed() {
        assertThat(lineage(List.of(immunophenotype("ip", "2020-03-11", "b-lineage")), allDiagnosis("dx", "2020-03-10")))
                .get().extracting(Lineage::basis).isEqualTo(LineageMapper.FROM_IMMUNOPHENOTYPE);
    }

    @Test
    void immunophenotypeContradictingTheDiagnosisCode_givesNoLineage_andReportsBoth() {
        MappingContext ctx = ctx();
        List<Condition> all = DiagnosisMapper.allConditions(List.of(
                asserted(condition("dx", Codes.local("t-all")), "2020-03-10")), ctx);

        Optional<Lineage> lineage = LineageMapper.map(List.of(immunophenotype("ip", "2020-03-11", "b-lineage")), all,
                DiagnosisMapper.map(all, ctx), ctx);

        assertThat(lineage).isEmpty();
        assertThat(ctx.issues()).filteredOn(i -> i.code().equals("conflicting-results"))
                .extracting(org.allcds.facts.DataQualityIssue::reference)
                .containsExactlyInAnyOrder("Observation/ip", "Condition/dx");
    }

    @Test
    void twoDiagnosisCodesOfDifferentLineages_giveNoLineage_inEitherOrder() {
        for (boolean tFirst : new boolean[] {true, false}) {
            MappingContext ctx = ctx();
            Condition b = asserted(condition("b", Codes.local("b-all")), "2020-03-10");
            Condition t = condition("t", Codes.local("t-all"));
            List<Condition> all = DiagnosisMapper.allConditions(tFirst ? List.of(t, b) : List.of(b, t), ctx);

            assertThat(LineageMapper.map(List.of(), all, DiagnosisMapper.map(all, ctx), ctx)).as("t first: " + tFirst).isEmpty();
            assertThat(ctx.issues()).as("t first: " + tFirst).extracting(org.allcds.facts.DataQualityIssue::reference)
                    .contains("Condition/b", "Condition/t");
        }
    }

    @Test
    void severalImmunophenotypes_mostRecentWins() {
        List<Observation> flows = List.of(immunophenotype("new", "2020-03-12", "t-lineage"),
                immunophenotype("old", "2020-03-11", "b-lineage"));

        assertThat(lineage(flows)).get().extracting(Lineage::reference).isEqualTo("Observation/new");
    }

    /**
     * The latest immunophenotype names a lineage outside the value set (a mixed phenotype): it may be another lineage
     * than the diagnosis code implies, so none is used, as when the two contradict each other; the record is named.
     */
    @Test
    void latestLineageNotRecognised_givesNoLineage_notTheDiagnosisCodes_andIsReported() {
        MappingContext ctx = ctx();
        List<Condition> all = DiagnosisMapper.allConditions(List.of(allDiagnosis("dx", "2020-03-10")), ctx);

        assertThat(LineageMapper.map(List.of(immunophenotype("ip", "2020-03-11", "mixed-phenotype")), all,
                DiagnosisMapper.map(all, ctx), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation/ip"));
    }

    /**
     * A value whose codings give different lineages (B and T: a mixed phenotype) gives none, in either order, and the
     * record is named for codes that disagree; codings that agree (a local code and its LOINC twin) are one value.
     */
    @Test
    void codingsOfDifferentLineages_giveNoLineage_inEitherOrder_andAreReported() {
        for (String[] order : new String[][] {{"b-lineage", "t-lineage"}, {"t-lineage", "b-lineage"}}) {
            MappingContext ctx = ctx();
            Observation both = immunophenotype("ip", "2020-03-11", order[0]);
            both.getValueCodeableConcept().addCoding(Fhir.concept(Codes.local(order[1])).getCodingFirstRep());
            List<Condition> all = DiagnosisMapper.allConditions(List.of(allDiagnosis("dx", "2020-03-10")), ctx);

            assertThat(LineageMapper.map(List.of(both), all, DiagnosisMapper.map(all, ctx), ctx)).isEmpty();
            assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail)
                    .containsExactly(Tuple.tuple("code-not-recognised", "Observation.value[x].coding"));
        }
        Observation twice = immunophenotype("ip", "2020-03-11", "b-lineage");
        twice.getValueCodeableConcept().addCoding(Fhir.concept(Codes.local("b-lineage")).getCodingFirstRep());
        assertThat(lineage(List.of(twice), allDiagnosis("dx", "2020-03-10"))).get().extracting(Lineage::type)
                .isEqualTo(LineageType.B);
    }

    /** A diagnosis coded both B-ALL and T-ALL implies no lineage, and is named for it (codes that disagree). */
    @Test
    void aDiagnosisCodedBothBAndT_impliesNoLineage_andIsReported() {
        MappingContext ctx = ctx();
        Condition both = condition("dx", Codes.local("b-all"));
        both.getCode().addCoding(Fhir.concept(Codes.local("t-all")).getCodingFirstRep());
        List<Condition> all = DiagnosisMapper.allConditions(List.of(asserted(both, "2020-03-10")), ctx);

        assertThat(LineageMapper.map(List.of(), all, DiagnosisMapper.map(all, ctx), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail)
                .containsExactly(Tuple.tuple("code-not-recognised", "Condition.code.coding"));
    }

    /** An older immunophenotype that cannot be read does not hide a later one that can. */
    @Test
    void olderLineageNotRecognised_besideALaterOneRead_givesTheLaterOne() {
        assertThat(lineage(List.of(immunophenotype("old", "2020-03-01", "mixed-phenotype"),
                immunophenotype("new", "2020-03-11", "b-lineage")), allDiagnosis("dx", "2020-03-10")))
                .get().extracting(Lineage::basis, Lineage::reference)
                .containsExactly(LineageMapper.FROM_IMMUNOPHENOTYPE, "Observation/new");
    }

    @Test
    void fallback_snomedBAll_isB() {
        assertThat(lineage(List.of(), asserted(condition("dx", Codes.snomed("277571004")), "2020-03-10")))
                .get().extracting(Lineage::type).isEqualTo(LineageType.B);
    }

    /**
     * A later immunophenotype that did not test CD19 neither contradicts nor replaces an earlier result, which is shown
     * with its own date; an undated one is said to be so.
     */
    @Test
    void anEarlierCd19Result_holds_andKeepsItsDate() {
        Observation later = immunophenotype("later", "2021-09-02", "b-lineage");
        Observation negative = component(immunophenotype("dx", "2015-02-10", "b-lineage"), Codes.CD19, Codes.local("negative"));
        Observation positive = component(immunophenotype("dx", "2015-02-10", "b-lineage"), Codes.CD19, Codes.local("positive"));

        assertThat(lineage(List.of(negative, later))).get().satisfies(l -> {
            assertThat(l.cd19()).isEqualTo(Cd19.NEGATIVE);
            assertThat(l.displayValue()).isEqualTo("B-lineage, CD19 negative on 2015-02-10");
        });
        assertThat(lineage(List.of(positive, later))).get().extracting(Lineage::displayValue)
                .isEqualTo("B-lineage, CD19 positive on 2015-02-10");
        Observation undatedNegative = component(observation("old", Codes.loinc("101119-6"), null), Codes.CD19,
                Codes.local("negative"));
        assertThat(lineage(List.of(undatedNegative, later))).get().extracting(Lineage::displayValue)
                .isEqualTo("B-lineage, CD19 negative in a result without a full date");
    }

    /** An immunophenotype that holds only its CD19 result still says it, beside the lineage of the diagnosis code. */
    @Test
    void fallback_takesTheCd19OfAnImmunophenotypeWithoutALineage() {
        Condition bAll = asserted(condition("dx", Codes.snomed("277571004")), "2020-03-10");
        Observation negativeOnly = component(observation("ip", Codes.loinc("101119-6"), "2020-03-11"), Codes.CD19,
                Codes.local("negative"));
        Observation unreadOnly = component(observation("ip", Codes.loinc("101119-6"), "2020-03-11"), Codes.CD19,
                Codes.local("dim"));

        assertThat(lineage(List.of(negativeOnly), bAll)).get()
                .extracting(Lineage::type, Lineage::cd19, Lineage::basis)
                .containsExactly(LineageType.B, Cd19.NEGATIVE, LineageMapper.FROM_DIAGNOSIS_CODE);
        assertThat(lineage(List.of(unreadOnly), bAll)).get().extracting(Lineage::cd19).isEqualTo(Cd19.NOT_READ);
    }

    @Test
    void fallback_localTAll_isT() {
        assertThat(lineage(List.of(), asserted(condition("dx", Codes.local("t-all")), "2020-03-10")))
                .get().extracting(Lineage::type).isEqualTo(LineageType.T);
    }

    @Test
    void fallback_undatedCondition_givesLineageWithoutDate() {
        assertThat(lineage(List.of(), condition("dx", Codes.local("t-all"))))
                .get().extracting(Lineage::date).isNull();
    }

    @Test
    void allWithoutLineage_givesNoLineage() {
        assertThat(lineage(List.of(), asserted(condition("dx", Codes.snomed("91857003")), "2020-03-10"))).isEmpty();
        assertThat(lineage(List.of(), asserted(condition("dx", Codes.icd("C91.00")), "2020-03-10"))).isEmpty();
    }

    @Test
    void noData_givesNoLineage() {
        assertThat(lineage(List.of())).isEmpty();
    }
}
