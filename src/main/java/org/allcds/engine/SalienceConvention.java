package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

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
    /** Java comments of a consequence: "insert(" in a comment inserts nothing. */
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/");

    private SalienceConvention() {
    }

    /** One error per rule that breaks the convention, at its {@code salience} (or, without one, at the rule). */
    static List<RuleProblem> check(Map<String, String> drlFiles) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> check(file, text, problems));
        return problems;
    }

    /**
     * Reads each rule's salience and consequence from Drools' own parse of the file, so that "salience 10" in a rule's
     * name, a comment or its metadata is not taken for its salience.
     */
    private static void check(String file, String text, List<RuleProblem> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return; // a syntax error the compiler reports
        }
        if (pkg == null || parser.hasErrors()) {
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            String consequence = rule.getConsequence() == null ? "" : COMMENT.matcher(rule.getConsequence().toString()).replaceAll("");
            if (!INSERTS.matcher(consequence).find()) {
                continue; // inserts nothing: its order matters to no other rule
            }
            AttributeDescr attribute = rule.getAttributes().get("salience");
            Integer value = attribute == null ? null : salience(attribute.getValue());
            if (attribute != null && value == null) {
                continue; // a computed salience: the compiler checks the expression, the convention cannot
            }
            String breach = breach(CONCLUDES.matcher(consequence).find(), value);
            if (breach != null) {
                BaseDescr at = attribute != null && attribute.getLine() > 0 ? attribute : rule;
                int column = at == attribute ? keywordColumn(text, at.getLine(), at.getColumn()) : at.getColumn() + 1;
                problems.add(RuleSetFiles.error(file, at.getLine(), column, "rule \"" + rule.getName() + "\" " + breach));
            }
        }
    }

    /** The parser places the attribute at its value; the author looks for the {@code salience} keyword before it. */
    private static int keywordColumn(String text, int line, int valueColumn) {
        String[] lines = text.split("\n", -1);
        String at = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        int keyword = at.lastIndexOf("salience", Math.min(valueColumn, at.length()));
        return (keyword >= 0 ? keyword : valueColumn) + 1;
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
