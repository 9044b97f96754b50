package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The order convention of the rule set, checked by lint: a decision (a rule that inserts a {@code Finding}) reads
 * derived facts only after they are settled. Rules that derive facts run at {@code salience 10}, decisions at the
 * default salience 0; a negative salience is allowed for final or fallback rules (order checks that read the other
 * packages' findings). A rule that derives facts without salience 10 could let a decision fire on half the facts,
 * and nothing else would notice.
 */
final class SalienceConvention {

    /** The salience of rules that derive facts. */
    static final int CLASSIFICATION = 10;

    private static final Pattern CONCLUDES = Pattern.compile("\\bFinding\\s*\\.\\s*of\\s*\\(");
    private static final Pattern INSERTS = Pattern.compile("\\binsert(Logical)?\\s*\\(");

    private SalienceConvention() {
    }

    /** One error per rule that breaks the convention, at its {@code salience} (or, without one, at the rule). */
    static List<RuleProblem> check(Map<String, String> drlFiles) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> check(file, text, problems));
        return problems;
    }

    /**
     * Reads each rule's salience and consequence as {@link RuleLogic} reads rules (comments blanked, literals skipped),
     * so that "salience 10" in a rule's name, a comment or its metadata is not taken for its salience. Its problems are
     * shown only for a folder that compiles, so a rule the scan cannot read is the compiler's to report.
     */
    private static void check(String file, String text, List<RuleProblem> problems) {
        for (RuleLogic.Written rule : RuleLogic.written(text)) {
            if (!INSERTS.matcher(rule.consequence()).find()) {
                continue; // inserts nothing: its order matters to no other rule
            }
            RuleLogic.Salience attribute = rule.salience();
            Integer value = attribute == null ? null : salience(attribute.value());
            if (attribute != null && value == null) {
                continue; // a computed salience: the compiler checks the expression, the convention cannot
            }
            String breach = breach(CONCLUDES.matcher(rule.consequence()).find(), value);
            if (breach != null) {
                int at = attribute != null ? attribute.at() : rule.at();
                problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, at), DrlLocator.columnAt(text, at),
                        "rule \"" + rule.name() + "\" " + breach));
            }
        }
    }

    private static Integer salience(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What is wrong with this salience for this kind of rule, or null. */
    static String breach(boolean concludes, Integer salience) {
        int value = salience == null ? 0 : salience;
        if (value < 0) {
            return null;
        }
        if (concludes && value != 0) {
            return "inserts a Finding at salience " + value + "; a decision runs at salience 0 (the default), after the"
                    + " rules that derive facts (salience " + CLASSIFICATION + "), or below 0 as a final rule";
        }
        if (!concludes && value != CLASSIFICATION) {
            return "derives facts " + (salience == null ? "without a salience" : "at salience " + value)
                    + "; a rule that derives facts runs at salience " + CLASSIFICATION
                    + " so that every decision (salience 0) reads them settled, or below 0 as a final rule";
        }
        return null;
    }
}
