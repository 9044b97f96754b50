package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding literals are checked against the findings vocabulary (the data contract's types, schemes and values plus the
 * rule set's findings.yaml), at the literal, with the declared word a misspelling probably means; on the small fixture
 * rule set.
 */
class FindingVocabularyCheckTest {

    private static final String HEADER = "package org.allcds.rules.risk;\nimport org.allcds.facts.*;\n\n";

    @TempDir
    Path root;

    private List<String> problems(String drl) {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/extra.drl"), HEADER + drl);
        return problemsOf(rules);
    }

    private static List<String> problemsOf(Path rules) {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC()).compile(RuleSetSource.read(rules));
        if (result.ok()) {
            result.ruleSet().retire();
        }
        return result.problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void misspeltValueSchemeTypeAndCandidate_inAFinding_areErrorsAtTheLiteral_withTheWordMeant() {
        List<String> problems = problems("""
                rule "X-V1 misspelt finding words"
                    @id("X-V1") @version("1.0.0") @source("test")
                when
                    AgeAtDiagnosis( years >= 14 )
                then
                    insert(Finding.of("nci-risk", "NCI", "VERY-HIGH"));
                    insert(Finding.of("nci-risk", "NCl", "HIGH"));
                    insert(Finding.of("nci-risk", "NCI", "INDETERMINATE")
                        .withCandidates("STANDART", "HIGH"));
                    insert(Finding.of("nci-rsk", "NCI", "HIGH"));
                    insert(Finding.of("infant", "NCI", "PRESENT"));
                end
                """);

        assertThat(problems).contains(
                "risk/extra.drl:9:42: error: \"VERY-HIGH\" is not a value of nci-risk NCI; its values are HIGH,"
                        + " INDETERMINATE, INFANT, STANDARD",
                "risk/extra.drl:10:35: error: finding type \"nci-risk\" has no scheme \"NCl\" (did you mean \"NCI\"?);"
                        + " its schemes are NCI",
                "risk/extra.drl:12:25: error: \"STANDART\" is not a candidate of nci-risk NCI (did you mean"
                        + " \"STANDARD\"?); its candidates are HIGH, INDETERMINATE, INFANT, STANDARD",
                "risk/extra.drl:13:23: error: unknown finding type \"nci-rsk\" (did you mean \"nci-risk\"?); a type of"
                        + " the rule set's own is declared in findings.yaml",
                "risk/extra.drl:14:33: error: finding type \"infant\" has no scheme: write Finding.of(\"infant\", value)");
        assertThat(problems).noneMatch(p -> p.contains(":12:37:"));
    }

    @Test
    void aValueCloseToADeclaredOne_isSuggested() {
        assertThat(problems("""
                rule "X-V2 misspelt value"
                    @id("X-V2") @version("1.0.0") @source("test")
                when
                    AgeAtDiagnosis( years >= 14 )
                then
                    insert(Finding.of("risk-group", "COG_AALL08B1", "VERY-HIGH"));
                end
                """)).contains("risk/extra.drl:9:53: error: \"VERY-HIGH\" is not a value of risk-group COG_AALL08B1"
                + " (did you mean \"VERY_HIGH\"?); its values are HIGH, INDETERMINATE, LOW, PENDING, STANDARD, VERY_HIGH");
    }

    @Test
    void aPatternComparingWithAnUndeclaredValueOrScheme_isAnError_becauseItNeverMatches() {
        List<String> problems = problems("""
                rule "X-V3 misspelt pattern"
                    @id("X-V3") @version("1.0.0") @source("test")
                when
                    Finding( type == "nci-risk", value == "HIHG" )
                    Finding( type == "nci-risk", scheme == "NCl" )
                    Finding( type == "nci-risk", value != "STANDAR" )
                then
                end
                """);

        assertThat(problems).contains(
                "risk/extra.drl:7:43: error: \"HIHG\" is not a value of nci-risk (did you mean \"HIGH\"?), so this"
                        + " pattern never matches; its values are HIGH, INDETERMINATE, INFANT, STANDARD",
                "risk/extra.drl:8:44: error: finding type \"nci-risk\" has no scheme \"NCl\" (did you mean \"NCI\"?);"
                        + " its schemes are NCI",
                "risk/extra.drl:9:43: error: \"STANDAR\" is not a value of nci-risk (did you mean \"STANDARD\"?), so"
                        + " this constraint is always true; its values are HIGH, INDETERMINATE, INFANT, STANDARD");
    }

    @Test
    void aMisspeltDataQualityCode_inAPattern_isOneErrorAtTheLiteral_withTheCodeMeant() {
        assertThat(problems("""
                rule "X-DQ1 misspelt data-quality code"
                    @id("X-DQ1") @version("1.0.0") @source("test")
                when
                    AgeAtDiagnosis( years >= 14 )
                    not DataQualityIssue( code == "conflicting-result" )
                then
                end
                """)).containsExactly("risk/extra.drl:8:35: error: \"conflicting-result\" is not a value of"
                + " data-quality (did you mean \"conflicting-results\"?), so this pattern never matches; its values are "
                + String.join(", ", dataQualityCodes()));
    }

    @Test
    void dataQualityCodes_areCheckedInEachFormTheRulesCompareThem() {
        List<String> problems = problems("""
                rule "X-DQ2 data-quality code forms"
                    @id("X-DQ2") @version("1.0.0") @source("test")
                    salience 10
                when
                    AgeAtDiagnosis( years >= 14 )
                    DataQualityIssue( $code : code, code != "duplicate-resourse", code == "missing-date"
                        || code == "imprecise-dat" )
                    Number( intValue > 0 ) from accumulate( DataQualityIssue( code == "preliminary-results" ); count(1) )
                then
                    insert(new DataQualityIssue("censored-valu", "Observation.valueQuantity.comparator", null));
                end
                """);

        assertStartEach(problems,
                "risk/extra.drl:9:45: error: \"duplicate-resourse\" is not a value of"
                        + " data-quality (did you mean \"duplicate-resource\"?), so this constraint is always true;",
                "risk/extra.drl:10:20: error: \"imprecise-dat\" is not a value of"
                        + " data-quality (did you mean \"imprecise-date\"?), so this pattern never matches;",
                "risk/extra.drl:11:71: error: \"preliminary-results\" is not a value"
                        + " of data-quality (did you mean \"preliminary-result\"?), so this pattern never matches;",
                "risk/extra.drl:13:33: error: \"censored-valu\" is not a value of"
                        + " data-quality (did you mean \"censored-value\"?); its values are ");
    }

    /**
     * A ")" or ";" inside a string (escaped quotes too) or a character literal does not end the pattern, the call or the
     * statement checked: the literal after it is checked, at its own column.
     */
    @Test
    void aParenthesisOrSemicolonInsideAString_doesNotEndTheCheckedText() {
        List<String> problems = problems(rule("X-DQ4", "strings with parentheses", """
                when
                    AgeAtDiagnosis( years >= 14 )
                    DataQualityIssue( detail != "a) b", code == "imprecise-dat" )
                    DataQualityIssue( detail != "say \\")\\"", code == "missing-dat" )
                    Finding( type == "nci-risk", summary != ":)", value == "HIHG" )
                then
                    insert(Finding.of("nci-risk", "NCI".indexOf(')') < 0 ? "NCI" : "NCI", "VERY-HIGH"));
                    insert(Finding.of("nci-risk", "NCI", "INDETERMINATE").withSummary("a; b)")
                        .withCandidates("STANDART", "HIGH"));
                end
                """));

        assertStartEach(problems,
                "risk/extra.drl:8:49: error: \"imprecise-dat\" is not a value of"
                        + " data-quality (did you mean \"imprecise-date\"?), so this pattern never matches;",
                "risk/extra.drl:9:54: error: \"missing-dat\" is not a value of"
                        + " data-quality (did you mean \"missing-date\"?), so this pattern never matches;",
                "risk/extra.drl:10:60: error: \"HIHG\" is not a value of nci-risk",
                "risk/extra.drl:12:75: error: \"VERY-HIGH\" is not a value of nci-risk",
                "risk/extra.drl:14:25: error: \"STANDART\" is not a candidate");
    }

    /** A code in a list is checked as one compared with {@code ==}: each of the list, at its literal. */
    @Test
    void aDataQualityCodeInAList_isCheckedLikeOneComparedWithEquals() {
        List<String> problems = problems(rule("X-DQ5", "data-quality codes in a list", """
                when
                    AgeAtDiagnosis( years >= 14 )
                    DataQualityIssue( code in ("missing-date", "imprecise-dat") )
                    not DataQualityIssue( code not in ( "duplicate-resourse" ) )
                then
                end
                """));

        assertStartEach(problems,
                "risk/extra.drl:8:48: error: \"imprecise-dat\" is not a value of"
                        + " data-quality (did you mean \"imprecise-date\"?), so it never matches here;",
                "risk/extra.drl:9:41: error: \"duplicate-resourse\" is not a value of"
                        + " data-quality (did you mean \"duplicate-resource\"?), so leaving it out excludes nothing;");
    }

    @Test
    void everyDataQualityCode_passes_andOneInACommentOrAnotherString_isNotChecked() {
        StringBuilder patterns = new StringBuilder();
        dataQualityCodes().forEach(code -> patterns.append("    DataQualityIssue( code == \"").append(code).append("\" )\n"));
        assertThat(problems("""
                rule "X-DQ3 declared data-quality codes"
                    @id("X-DQ3") @version("1.0.0") @source("test")
                when
                    AgeAtDiagnosis( years >= 14 )
                """ + patterns + """
                    // not DataQualityIssue( code == "conflicting-result" )
                    /* DataQualityIssue( code == "duplicate-resourse" ) */
                    DataQualityIssue( code == "missing-date" /* or code == "imprecise-dat" */, detail != "invalid-valu" )
                    Finding( type == "missing-data", value == "diagnosis-date" )
                then
                    System.out.println("DataQualityIssue( code == \\"conflicting-result\\" )");
                end
                """)).isEmpty();
    }

    /** A rule with the header each test's rules have, then {@code body} ("when … then … end"). */
    private static String rule(String id, String title, String body) {
        return "rule \"" + id + " " + title + "\"\n    @id(\"" + id + "\") @version(\"1.0.0\") @source(\"test\")\n" + body;
    }

    /** One problem starting with each of {@code starts}, in order, and no other. */
    private static void assertStartEach(List<String> problems, String... starts) {
        assertThat(problems).hasSize(starts.length);
        for (int i = 0; i < starts.length; i++) {
            assertThat(problems.get(i)).startsWith(starts[i]);
        }
    }

    /** The data-quality codes, sorted: the contract's data-quality finding values. */
    private static List<String> dataQualityCodes() {
        List<RuleProblem> none = new ArrayList<>();
        return FindingVocabulary.sorted(FindingVocabulary.read(RuleSetSource.read(RuleFolders.RULES), none)
                .type("data-quality").allValues());
    }

    @Test
    void aRuleSetsOwnFindingType_isDeclaredInFindingsYaml_andCheckedLikeTheContractsTypes() {
        String drl = HEADER + """
                rule "X-V4 adolescent"
                    @id("X-V4") @version("1.0.0") @source("test")
                when
                    AgeAtDiagnosis( years >= 13 )
                then
                    insert(Finding.of("adolescent", "PRESENT"));
                    insert(Finding.of("adolescent", "PRESNT"));
                end
                """;
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/extra.drl"), drl);
        assertThat(problemsOf(rules)).contains("risk/extra.drl:9:23: error: unknown finding type \"adolescent\"; a type"
                + " of the rule set's own is declared in findings.yaml");

        RuleFolders.write(rules.resolve("findings.yaml"), """
                findings:
                  adolescent:
                    values: [PRESENT]
                """);
        assertThat(problemsOf(rules)).containsExactly("risk/extra.drl:10:37: error: \"PRESNT\" is not a value of"
                + " adolescent (did you mean \"PRESENT\"?); its values are PRESENT");
    }

    @Test
    void findingsYaml_cannotChangeTheContractsTypes() {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("findings.yaml"), """
                findings:
                  nci-risk:
                    schemes:
                      NCI: [STANDARD, HIGH, MEDIUM]
                """);

        assertThat(problemsOf(rules)).containsExactly("findings.yaml:2:3: error: finding type 'nci-risk' is the data"
                + " contract's: its schemes and values cannot be changed here");
    }
}
