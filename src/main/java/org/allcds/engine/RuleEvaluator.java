package org.allcds.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
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
        } catch (RuntimeException e) {
            // Drools names the rule by its generated resource path, or not at all: say it as the author wrote it
            throw RuleEvaluationException.of(ruleSet, e);
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
        Map<Finding, Joined> joined = new LinkedHashMap<>();
        Bases bases = new Bases(facts);
        for (Evaluation.ExplainedFinding f : findings) {
            Joined j = joined.computeIfAbsent(f.finding(), k -> new Joined());
            if (!f.rules().isEmpty()) {
                j.deciders.add(f.rules().get(0)); // the rule that inserted it comes first (ProvenanceRecorder)
            }
            j.rules.addAll(f.rules());
            j.inputs.addAll(f.inputs());
            f.inputs().forEach(i -> j.inputs.addAll(bases.of(i)));
        }
        List<Evaluation.ExplainedFinding> out = new ArrayList<>(joined.size());
        joined.forEach((finding, j) -> out.add(new Evaluation.ExplainedFinding(finding, j.rulesDecidersFirst(),
                sorted(j.inputs, ClinicalInput.ORDER))));
        return out;
    }

    /** The rules and inputs of one finding, in the order first met (the sort keeps it among equals). */
    private static final class Joined {
        final Set<RuleInfo> deciders = new LinkedHashSet<>();
        final Set<RuleInfo> rules = new LinkedHashSet<>();
        final Set<ClinicalInput> inputs = new LinkedHashSet<>();

        /**
         * The rules that inserted the finding first, then those it was derived through, each part in rule order: a
         * card's source and first link are its deciding rule's, not the lowest id of the derivation (a relapse
         * stratum's card cited the site rule's paper, not the stratification table).
         */
        List<RuleInfo> rulesDecidersFirst() {
            List<RuleInfo> ordered = sorted(deciders, RuleInfo.ORDER);
            Set<RuleInfo> rest = new LinkedHashSet<>(rules);
            rest.removeAll(deciders);
            ordered.addAll(sorted(rest, RuleInfo.ORDER));
            return ordered;
        }
    }

    private static <T> List<T> sorted(Set<T> items, java.util.Comparator<? super T> order) {
        List<T> list = new ArrayList<>(items);
        list.sort(order);
        return list;
    }

    /**
     * The inputs a derived input was computed from, found among the facts once per derived input and call: many
     * findings name the same age or interval, and each asked every fact again.
     */
    private static final class Bases {
        private final List<Object> facts;
        private final Map<ClinicalInput, List<ClinicalInput>> known = new IdentityHashMap<>();

        Bases(List<Object> facts) {
            this.facts = facts;
        }

        List<ClinicalInput> of(ClinicalInput derived) {
            List<ClinicalInput> basis = known.get(derived);
            if (basis == null) {
                basis = find(derived);
                known.put(derived, basis);
            }
            return basis;
        }

        private List<ClinicalInput> find(ClinicalInput derived) {
            // Asked once, not once per fact: a derived input builds its list of sources on every call.
            List<String> sources = derived.derivedFrom();
            if (sources.isEmpty()) {
                return List.of();
            }
            List<ClinicalInput> found = new ArrayList<>();
            for (Object fact : facts) {
                if (fact instanceof ClinicalInput source && sources.contains(source.inputName())) {
                    found.add(source);
                }
            }
            return found;
        }
    }
}
