package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.FindingVocabulary.Inconsistency;
import org.allcds.facts.DataQualityCodes;
import org.allcds.facts.Finding;
import org.allcds.facts.Input;
import org.allcds.fixtures.RuleFolders;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;

/**
 * Which findings of one evaluation must agree: one value per type and scheme, except where the bundled rules give
 * several legitimately (a value per label profile, per draft order's card, per missing input or data-quality code);
 * and which findings a scenario may expect: declared, and created by a rule.
 */
class FindingVocabularyTest {

    private static final FindingVocabulary BUNDLED = bundled();

    private static FindingVocabulary bundled() {
        List<RuleProblem> problems = new ArrayList<>();
        FindingVocabulary vocabulary = FindingVocabulary.read(RuleSetSource.read(RuleFolders.RULES), problems);
        assertThat(problems).isEmpty();
        return vocabulary;
    }

    private static List<Inconsistency> of(Finding... findings) {
        return BUNDLED.inconsistencies(Arrays.stream(findings).map(f -> new ExplainedFinding(f, List.of(), List.of())).toList());
    }

    @Test
    void twoValuesOfOneTypeAndScheme_contradictEachOther() {
        assertThat(of(Finding.of("risk-group", "COG_AALL08B1", "VERY_HIGH"), Finding.of("risk-group", "COG_AALL08B1", "LOW")))
                .singleElement().satisfies(i -> {
                    assertThat(i.contradiction()).isTrue();
                    assertThat(i.values()).containsExactly("LOW", "VERY_HIGH");
                });
        // on another card too: the extension is the union of every card's findings
        assertThat(of(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"),
                Finding.of("hsct-indication", "COG_AALL1331", "NOT_INDICATED").onCard("pathway-discordance"))).hasSize(1);
    }

    @Test
    void whatTheBundledRulesGiveSeveralOf_agrees() {
        assertThat(of(
                Finding.of("cart-eligibility", "FDA", "MET"), Finding.of("cart-eligibility", "EMA", "NOT_MET"),
                Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:MedicationRequest/a"),
                Finding.of("order-check", "CART_PRODUCT", "INDETERMINATE").withCandidates("MET", "NOT_MET")
                        .onCard("order:MedicationRequest/b"),
                Finding.of("missing-data", "lineage"), Finding.of("missing-data", "birth-date"),
                Finding.of("data-quality", "missing-date"), Finding.of("data-quality", "duplicate-resource"),
                Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"),
                Finding.of("hsct-indication", "COG_AALL1331", "INDICATED").onCard("pathway-discordance"),
                Finding.of("hsct-indication", "BFM_ALLREZ2002", "NOT_INDICATED"))).isEmpty();
        assertThat(of(Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:MedicationRequest/a"),
                Finding.of("order-check", "CART_PRODUCT", "INDETERMINATE").onCard("order:MedicationRequest/a"))).hasSize(1);
    }

    @Test
    void aValueBuiltAtRunTimeOutsideTheVocabulary_isAnInconsistency() {
        assertThat(of(Finding.of("risk-group", "COG_AALL08B1", "VERY-HIGH"), Finding.of("nci-risk", "NCl", "HIGH"),
                Finding.of("nci-risk", "NCI", "INDETERMINATE").withCandidates("STANDARD", "MEDIUM"),
                Finding.of("nci-risk", "HIGH"), Finding.of("adolescent", "PRESENT")))
                .hasSize(5).noneMatch(Inconsistency::contradiction);
    }

    @Test
    void everyInputARuleCanNameMissing_isAMissingDataValue() {
        Arrays.stream(Input.values()).forEach(input ->
                assertThat(of(Finding.of("missing-data", input.code()))).as(input.code()).isEmpty());
    }

    /** The one home of the data-quality codes the facts and cards compare holds only codes the findings declare. */
    @Test
    void everyDataQualityCode_isADataQualityValue() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (java.lang.reflect.Field field : DataQualityCodes.class.getFields()) {
            if (field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        assertThat(codes).hasSize(22).doesNotHaveDuplicates().allSatisfy(code ->
                assertThat(of(Finding.of("data-quality", code))).as(code).isEmpty());
    }

    /**
     * Lint checks a DataQualityIssue's code against the data-quality values, so they must be the CodeSystem's
     * data-quality codes; only profile-violation is not one, a finding the profile check makes without an issue.
     */
    @Test
    void theDataQualityValues_areTheCodeSystemsDataQualityCodes() throws IOException {
        CodeSystem cs = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class,
                Files.readString(Path.of("fhir-profiles/terminology/CodeSystem-all-cds.json")));
        List<String> codeSystem = cs.getConcept().stream().flatMap(c -> c.getConcept().stream())
                .filter(c -> c.getCode().equals("data-quality")).flatMap(c -> c.getConcept().stream())
                .map(ConceptDefinitionComponent::getCode).toList();
        assertThat(codeSystem).containsAll(BUNDLED.type("data-quality").allValues());
        assertThat(codeSystem).filteredOn(c -> !BUNDLED.type("data-quality").allValues().contains(c))
                .containsExactly("profile-violation");
    }

    private static final String PROBE_TYPES = """
            findings:
              probe:
                schemes:
                  A: [ONE, TWO]
                  B: [ONE, TWO]
              flag:
                values: [ON, OFF]
            """;

    /** The contract's vocabulary, {@link #PROBE_TYPES} and one DRL file whose consequences are {@code creations}. */
    private static FindingVocabulary creating(String creations) {
        String drl = "package org.allcds.rules.risk;\nrule \"P\"\nwhen\nthen\n" + creations + "\nend\n";
        List<RuleProblem> problems = new ArrayList<>();
        FindingVocabulary vocabulary = FindingVocabulary.read(new RuleSetSource(Path.of("rules"),
                Map.of("risk/p.drl", drl, RuleSetSource.FINDINGS_FILE, PROBE_TYPES), "hash"), problems);
        assertThat(problems).isEmpty();
        return vocabulary;
    }

    @Test
    void aFindingNoRuleCreates_isNamed_byTheCallsThatDo() {
        FindingVocabulary vocabulary = creating("""
                insert(Finding.of("probe", "A", "ONE"));
                insert(Finding.of("probe", "B", "TWO"));
                insert(Finding.of("flag", "ON"));
                """);
        assertThat(vocabulary.whyNever("probe", "A", "ONE", null)).isNull();
        assertThat(vocabulary.whyNever("probe", "B", "TWO", List.of())).isNull();
        // each call is its scheme with its value: nothing creates probe A TWO, though A may have it and B has it
        assertThat(vocabulary.whyNever("probe", "A", "TWO", null))
                .isEqualTo("no rule creates a 'probe A' finding with value 'TWO' (its values: ONE)");
        assertThat(vocabulary.whyNever("flag", null, "OFF", null))
                .isEqualTo("no rule creates a 'flag' finding with value 'OFF' (its values: ON)");
        assertThat(vocabulary.whyNever("infant", null, "PRESENT", null))
                .isEqualTo("no rule creates a finding of type \"infant\"; the rule set creates flag, probe");
        assertThat(vocabulary.whyNever("flag", "A", "ON", null)).isEqualTo("a 'flag' finding has no scheme; leave out 'scheme'");
        assertThat(vocabulary.whyNever("probe", null, "ONE", null))
                .isEqualTo("a 'probe' finding always has a scheme (A, B); give 'scheme'");
    }

    @Test
    void aSchemeOrValueTheRuleComputes_isAnyTheVocabularyDeclares_andATypeItComputes_anyDeclaredType() {
        FindingVocabulary computed = creating("""
                insert(Finding.of("probe", $s.name(), Kind.TWO.name()));
                insert(Finding.of("flag", $v));
                """);
        assertThat(computed.whyNever("probe", "B", "TWO", null)).isNull();
        assertThat(computed.whyNever("probe", "A", "ONE", null))
                .isEqualTo("no rule creates a 'probe A' finding with value 'ONE' (its values: TWO)");
        assertThat(computed.whyNever("flag", null, "OFF", null)).isNull();
        assertThat(computed.whyNever("flag", null, "OFFF", null))
                .isEqualTo("\"OFFF\" is not a value of flag (did you mean \"OFF\"?); its values are OFF, ON");
        assertThat(computed.whyNever("probe", "C", "ONE", null))
                .isEqualTo("finding type \"probe\" has no scheme \"C\" (did you mean \"A\"?); its schemes are A, B");

        FindingVocabulary anyType = creating("insert(Finding.of($type, \"ON\"));");
        assertThat(anyType.whyNever("infant", null, "PRESENT", null)).isNull();
        assertThat(anyType.whyNever("flag", null, "ONN", null)).startsWith("\"ONN\" is not a value of flag");
        assertThat(anyType.whyNever("probe", "A", "ONE", List.of("THREE")))
                .startsWith("\"THREE\" is not a candidate of probe A; its candidates are ONE, TWO");
    }
}
