package org.allcds.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Finding;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Evaluates facts against a rule set in a session holding only the rules of the service's packages, from the set's
 * pool, with its own provenance listener. A session serves one evaluation at a time and goes back to the pool empty, without
 * the listener, so nothing is shared between requests and evaluations run concurrently.
 */
public final class RuleEvaluator {

    private final UnaryOperator<List<Object>> insertionOrder;

    public RuleEvaluator() {
        this(UnaryOperator.identity());
    }

    /**
     * Inserts the facts in the order {@code insertionOrder} gives them. Findings must not depend on that order (rules
     * derive facts logically; drools-notes §3.7): tests shuffle it to prove so.
     */
    public RuleEvaluator(UnaryOperator<List<Object>> insertionOrder) {
        this.insertionOrder = insertionOrder;
    }

    public Evaluation evaluate(RuleSet ruleSet, Set<String> rulePackages, List<Object> facts) {
        ProvenanceRecorder recorder = new ProvenanceRecorder(ruleSet);
        KieSession session = ruleSet.borrowSession(rulePackages);
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            insertionOrder.apply(facts).forEach(session::insert);
            session.fireAllRules();
        } finally {
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            session.dispose();
        }
        Evaluation raw = recorder.toEvaluation();
        return new Evaluation(merged(raw.findings(), facts), raw.firedRules());
    }

    /**
     * One entry per distinct finding (several rules may conclude the same thing: their explanations are joined), with
     * the inputs behind each Java-derived value (an age lists the birth and diagnosis dates it came from).
     */
    private static List<Evaluation.ExplainedFinding> merged(List<Evaluation.ExplainedFinding> findings, List<Object> facts) {
        Map<Finding, Set<RuleInfo>> rules = new LinkedHashMap<>();
        Map<Finding, Set<ClinicalInput>> inputs = new LinkedHashMap<>();
        for (Evaluation.ExplainedFinding f : findings) {
            Finding key = f.finding();
            rules.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(f.rules());
            Set<ClinicalInput> in = inputs.computeIfAbsent(key, k -> new LinkedHashSet<>());
            in.addAll(f.inputs());
            f.inputs().forEach(i -> addBasis(i, facts, in));
        }
        List<Evaluation.ExplainedFinding> out = new ArrayList<>();
        rules.forEach((finding, r) -> {
            List<RuleInfo> ruleList = new ArrayList<>(r);
            ruleList.sort(RuleInfo.ORDER);
            List<ClinicalInput> inputList = new ArrayList<>(inputs.get(finding));
            inputList.sort(ClinicalInput.ORDER);
            out.add(new Evaluation.ExplainedFinding(finding, ruleList, inputList));
        });
        return out;
    }

    private static void addBasis(ClinicalInput derived, List<Object> facts, Set<ClinicalInput> into) {
        // Asked once, not once per fact: a derived input builds its list of sources on every call.
        List<String> sources = derived.derivedFrom();
        if (sources.isEmpty()) {
            return;
        }
        for (Object fact : facts) {
            if (fact instanceof ClinicalInput source && sources.contains(source.inputName())) {
                into.add(source);
            }
        }
    }
}
