package org.allcds.engine;

import java.util.List;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Finding;

/**
 * The result of one evaluation: every finding with its explanation, and every rule that fired, in firing order.
 */
public record Evaluation(List<ExplainedFinding> findings, List<RuleInfo> firedRules) {

    /**
     * A finding with the rules that led to it (the rule that inserted it and, transitively, the rules that derived the
     * facts it matched) and the clinical inputs those rules matched.
     */
    public record ExplainedFinding(Finding finding, List<RuleInfo> rules, List<ClinicalInput> inputs) {
    }

    public Evaluation {
        findings = List.copyOf(findings);
        firedRules = List.copyOf(firedRules);
    }
}
