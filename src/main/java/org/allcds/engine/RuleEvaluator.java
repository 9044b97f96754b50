package org.allcds.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Finding;
import org.drools.commands.runtime.rule.FireAllRulesCommand;
import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Evaluates facts against a rule set in a fresh stateless session with its own provenance listener, firing only the
 * rules of the service's packages. Nothing is shared between requests, so evaluations run concurrently.
 */
public final class RuleEvaluator {

    private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();

    public Evaluation evaluate(RuleSet ruleSet, Set<String> rulePackages, List<Object> facts) {
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        ProvenanceRecorder recorder = new ProvenanceRecorder(ruleSet);
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        List<Command<?>> commands = new ArrayList<>();
        commands.add(COMMANDS.newInsertElements(facts));
        commands.add(new FireAllRulesCommand(match -> rulePackages.contains(match.getRule().getPackageName())));
        session.execute(COMMANDS.newBatchExecution(commands));
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
        for (Object fact : facts) {
            if (fact instanceof ClinicalInput source && derived.derivedFrom().contains(source.inputName())) {
                into.add(source);
            }
        }
    }
}
