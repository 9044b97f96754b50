package org.allcds.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Explained;
import org.allcds.facts.Finding;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.definition.rule.Rule;

/**
 * Per-evaluation listener: remembers which rule firing inserted each object and which facts that firing matched, so
 * that every finding can name the rules and inputs behind it. One instance per evaluation (never shared).
 */
final class ProvenanceRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** A rule firing: its catalogue entry (looked up once, however many findings it explains) and the facts it matched. */
    private record Firing(RuleInfo rule, List<Object> matched) {
    }

    private final RuleSet ruleSet;
    private final Map<Object, Firing> producedBy = new IdentityHashMap<>();
    // Identity, not equality: two rules may insert equal findings, and each carries its own explanation.
    private final List<Object> inserted = new ArrayList<>();
    private final List<Firing> firings = new ArrayList<>();
    private Firing current;
    private final Set<RuleInfo> scratchRules = new LinkedHashSet<>();
    private final Set<ClinicalInput> scratchInputs = new LinkedHashSet<>();
    private final Set<Object> scratchSeen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    ProvenanceRecorder(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        List<Object> objects = event.getMatch().getObjects();
        List<Object> matched = new ArrayList<>(objects.size());
        for (Object o : objects) {
            if (o != null) {
                matched.add(o);
            }
        }
        current = new Firing(info(event.getMatch().getRule()), matched);
        firings.add(current);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null && current != null) {
            producedBy.put(event.getObject(), current);
            inserted.add(event.getObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; nothing to track.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // A logically inserted finding whose support went away is not a conclusion.
        Object gone = event.getOldObject();
        inserted.removeIf(o -> o == gone);
    }

    Evaluation toEvaluation() {
        List<Evaluation.ExplainedFinding> findings = new ArrayList<>();
        for (Object o : inserted) {
            if (o instanceof Finding f) {
                findings.add(explain(f));
            }
        }
        Set<RuleInfo> fired = new LinkedHashSet<>();
        firings.forEach(f -> fired.add(f.rule()));
        fired.remove(null);
        return new Evaluation(findings, new ArrayList<>(fired));
    }

    private Evaluation.ExplainedFinding explain(Finding finding) {
        // One set of each for all the findings, emptied for each: their contents are copied out below.
        Set<RuleInfo> rules = scratchRules;
        Set<ClinicalInput> inputs = scratchInputs;
        rules.clear();
        inputs.clear();
        scratchSeen.clear();
        collect(finding, rules, inputs, scratchSeen);
        rules.remove(null);
        // Unsorted here: RuleEvaluator joins the explanations of equal findings and orders them once.
        return new Evaluation.ExplainedFinding(finding, new ArrayList<>(rules), new ArrayList<>(inputs));
    }

    private void collect(Object fact, Set<RuleInfo> rules, Set<ClinicalInput> inputs, Set<Object> seen) {
        if (!seen.add(fact)) {
            return;
        }
        if (fact instanceof ClinicalInput input) {
            inputs.add(input);
        }
        if (fact instanceof java.util.Collection<?> collected) {
            // an accumulate's result: the facts it collected explain the match too
            collected.forEach(element -> collect(element, rules, inputs, seen));
            return;
        }
        Firing firing = producedBy.get(fact);
        if (firing == null && !(fact instanceof Explained)) {
            return;
        }
        if (firing != null) {
            rules.add(firing.rule());
        }
        // a fact that names what decided it is explained by that, not by everything its rule matched; an input the
        // mapping gave (no firing) by the other records it was read from
        Iterable<?> explanation = fact instanceof Explained explained ? explained.explainedBy() : firing.matched();
        for (Object matched : explanation) {
            collect(matched, rules, inputs, seen);
        }
    }

    private RuleInfo info(Rule rule) {
        return ruleSet.ruleInfo(rule.getPackageName(), rule.getName());
    }
}
