package org.allcds.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A rule that failed while firing (a constraint or a consequence that throws), named as an author knows it: its id,
 * DRL name and file in the rules folder, not Drools' generated resource path. The message holds only rule text and
 * exception classes, never the values the rule failed on (patient data), so it may be logged and shown to an author.
 */
public final class RuleEvaluationException extends RuntimeException {

    /** Drools' constraint failure names the rule and its generated resource: {@code [Rule "…" in org/…/x_y.drl]}. */
    private static final Pattern CONSTRAINT = Pattern.compile("Error evaluating constraint '(.*?)' in \\[Rule \"([^\"]+)\" in ([^\\],]+)");

    private RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code failure} from firing {@code ruleSet}'s rules, with the failing rule identified where Drools says which. */
    static RuleEvaluationException of(RuleSet ruleSet, RuntimeException failure) {
        String cause = rootCause(failure).getClass().getSimpleName();
        if (failure instanceof ConsequenceException consequence && consequence.getRule() != null) {
            Rule rule = consequence.getRule();
            return new RuleEvaluationException(named(ruleSet, rule.getPackageName(), rule.getName())
                    + " failed in its consequence (" + cause + ")", failure);
        }
        Matcher constraint = CONSTRAINT.matcher(String.valueOf(failure.getMessage()));
        if (constraint.find()) {
            String resource = constraint.group(3).trim();
            int slash = resource.lastIndexOf('/');
            String packageName = slash < 0 ? "" : resource.substring(0, slash).replace('/', '.');
            return new RuleEvaluationException(named(ruleSet, packageName, constraint.group(2))
                    + " failed evaluating its condition '" + constraint.group(1) + "' (" + cause + ")", failure);
        }
        return new RuleEvaluationException("a rule failed while firing (" + cause + "; Drools did not say which)", failure);
    }

    private static String named(RuleSet ruleSet, String packageName, String ruleName) {
        RuleInfo info = ruleSet.ruleInfo(packageName, ruleName);
        return info == null ? "rule \"" + ruleName + "\""
                : "rule " + info.id() + " \"" + info.name() + "\" (" + info.file() + ")";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
