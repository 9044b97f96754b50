package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order convention read from the DRL text (no second parse by Drools' parser): what counts as a rule's salience
 * and as its consequence, and where a breach is reported.
 */
class SalienceConventionTest {

    private static final String DERIVE_AT_10 = "; a rule that derives facts runs at salience 10 so that every decision"
            + " (salience 0) reads them settled, or below 0 as a final rule";

    private static List<String> problems(String drl) {
        return SalienceConvention.check(Map.of("risk/x.drl", "package org.allcds.rules.risk;\n\n" + drl)).stream()
                .map(RuleProblem::toString).toList();
    }

    /** A rule that derives a fact, with the given declaration (name, metadata, attributes). */
    private static String deriving(String declaration) {
        return "rule " + declaration + "\nwhen\nthen\n    insertLogical(new Object());\nend\n";
    }

    @Test
    void aSalienceAfterAnotherAttribute_isReportedAtItsKeyword() {
        assertThat(problems(deriving("\"derives late\" @id(\"X-1\") @version(\"1\")\n    no-loop true salience 5")))
                .containsExactly("risk/x.drl:4:18: error: rule \"derives late\" derives facts at salience 5"
                + DERIVE_AT_10);
    }

    @Test
    void aRuleWithoutSalience_isReportedAtItsRuleKeyword_withItsNameUnquoted() {
        assertThat(problems("  " + deriving("derives")))
                .containsExactly("risk/x.drl:3:3: error: rule \"derives\" derives facts without a salience" + DERIVE_AT_10);
    }

    @Test
    void aDecisionAtTheDerivingSalience_isABreach_butAFinalRuleBelowZeroIsNot() {
        assertThat(problems("""
                rule "decides early" salience 10
                when
                then
                    insert(Finding.of("x", "y"));
                end

                rule "final" salience -5
                when
                then
                    insert(Finding.of("x", "y"));
                end
                """)).singleElement().asString().startsWith("risk/x.drl:3:22: error: rule \"decides early\" inserts a"
                + " Finding at salience 10");
    }

    /** An insert in a comment inserts nothing, and "salience" inside a literal or comment is not an attribute. */
    @Test
    void insertsAndSaliencesInCommentsOrLiterals_doNotCount() {
        assertThat(problems("""
                rule "quiet" @description("salience 3")
                    // salience 4
                when
                then
                    /* insert(new Object()); */
                    System.out.println("insert(x)"); // insert(new Object());
                end

                rule "derives" @description("runs at salience 3") /* salience 3 */ salience 10
                when
                then
                    insertLogical(new Object());
                end
                """)).isEmpty();
    }

    /** A computed salience (a parenthesised expression, as the parser reads it) is the compiler's to check. */
    @Test
    void aComputedSalience_isLeftToTheCompiler() {
        assertThat(problems(deriving("\"computed\" salience ($x.rank())"))).isEmpty();
    }
}
