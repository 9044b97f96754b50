package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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

    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))");
    private static final Pattern END = Pattern.compile("(?m)^[ \\t]*end\\s*$");
    private static final Pattern WHEN = Pattern.compile("(?m)^[ \\t]*when\\b");
    private static final Pattern THEN = Pattern.compile("(?m)^[ \\t]*then\\b");
    private static final Pattern SALIENCE = Pattern.compile("\\bsalience\\s+(-?\\d+)");
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

    private static void check(String file, String text, List<RuleProblem> problems) {
        Matcher rule = RULE.matcher(text);
        while (rule.find()) {
            Matcher end = END.matcher(text);
            int stop = end.find(rule.end()) ? end.start() : text.length();
            String block = text.substring(rule.start(), stop);
            Matcher when = WHEN.matcher(block);
            Matcher then = THEN.matcher(block);
            if (!when.find() || !then.find(when.end())) {
                continue; // a syntax error the compiler reports
            }
            String name = rule.group(1) != null ? rule.group(1) : rule.group(2) != null ? rule.group(2) : rule.group(3);
            Matcher salience = SALIENCE.matcher(block.substring(0, when.start()));
            Integer value = salience.find() ? Integer.valueOf(salience.group(1)) : null;
            String consequence = block.substring(then.end());
            if (!INSERTS.matcher(consequence).find()) {
                continue; // inserts nothing: its order matters to no other rule
            }
            String breach = breach(CONCLUDES.matcher(consequence).find(), value);
            if (breach != null) {
                int offset = rule.start() + (value == null ? leadingBlanks(block) : salience.start());
                problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, offset), DrlLocator.columnAt(text, offset),
                        "rule \"" + name + "\" " + breach));
            }
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

    private static int leadingBlanks(String block) {
        int i = 0;
        while (i < block.length() && (block.charAt(i) == ' ' || block.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
