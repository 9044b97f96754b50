package org.allcds.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.allcds.cards.CardRenderer;
import org.allcds.cards.OrderCards;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.FindingVocabulary.Inconsistency;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.RuleSet;
import org.allcds.facts.AllPatient;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.ExcludedAllRecords;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.allcds.hooks.Coding;
import org.allcds.integrity.CheckedRecord;
import org.allcds.integrity.PatientRecordCheck;
import org.allcds.mapping.CalendarZone;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;
import tools.jackson.databind.JsonNode;

/**
 * The one evaluation of a patient for a service: the integrity step (contract §2a), data checks, map to facts (with
 * those of the hook context, such as draft orders), add the evaluation time and the rule configuration, evaluate the
 * service's rules, keep what the hook reports, render cards. The server, author scenarios, the reload gate and the
 * {@code eval} and {@code test} commands all evaluate through an instance built by the same assembly, so a rule author
 * sees exactly what the service would answer.
 */
public final class PatientEvaluator {

    /**
     * What is evaluated: the patient's data, when, the patient in context (null for local data: the data's Patient),
     * the hook's context (may be null) and the request's {@code fhirServer} (absolute references under it are the
     * patient's; null for local data).
     */
    public record Input(PatientData data, EvaluationTime at, String patientId, JsonNode context, String fhirServer) {

        /** Local data: no FHIR server. */
        public Input(PatientData data, EvaluationTime at, String patientId, JsonNode context) {
            this(data, at, patientId, context, null);
        }
    }

    /**
     * Every finding (rules' and data checks'), the rules that fired in order, the cards, the draft orders, and what
     * made the rules' findings inconsistent (then withheld: {@link InconsistentFindings}), described for a rule author.
     */
    public record Result(List<ExplainedFinding> findings, List<RuleInfo> firedRules, List<Card> cards,
                         List<DraftOrder> draftOrders, List<String> inconsistencies) {

        public Result {
            draftOrders = List.copyOf(draftOrders);
            findings = List.copyOf(findings);
            firedRules = List.copyOf(firedRules);
            cards = List.copyOf(cards);
            inconsistencies = List.copyOf(inconsistencies);
        }

        public CdsResponse response() {
            return CdsResponse.of(cards);
        }
    }

    private final FactMapper mapper;
    private final RuleEvaluator evaluator;
    private final CardRenderer renderer;
    private final List<DataCheck> checks;
    private final HookContextFacts contextFacts;
    private final CalendarZone zone;
    private final PatientRecordCheck recordCheck = new PatientRecordCheck();

    /**
     * {@code checks} run in the order given, each on the data the previous one handed on; {@code zone} gives a
     * record's dateTime its calendar date, in the integrity step, the mapping and the names of records alike (E9).
     */
    public PatientEvaluator(FactMapper mapper, RuleEvaluator evaluator, CardRenderer renderer, List<DataCheck> checks,
                            HookContextFacts contextFacts, CalendarZone zone) {
        this.mapper = mapper;
        this.evaluator = evaluator;
        this.renderer = renderer;
        this.checks = List.copyOf(checks);
        this.contextFacts = contextFacts;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The zone whose calendar gives dates here; a request's evaluation time is read in it too ({@link EvaluationTimes}). */
    public CalendarZone zone() {
        return zone;
    }

    /** This evaluator reading dates in {@code other}: author scenarios read theirs as written, wherever they run. */
    public PatientEvaluator inZone(CalendarZone other) {
        return other.equals(zone) ? this : new PatientEvaluator(mapper, evaluator, renderer, checks, contextFacts, other);
    }

    /**
     * What the patient's record gives before any rule runs: the integrity step, the data checks' findings and the facts
     * mapped from the record. It depends on neither the rule set nor the service, so the reload gate keeps it for a
     * scenario whose data did not change ({@link #prepare}); the hook's context and the rule set are added when it is
     * evaluated.
     */
    public record PreparedRecord(EvaluationTime at, String patientId, String fhirServer, List<Object> facts,
                                 List<ExplainedFinding> checkFindings) {

        public PreparedRecord {
            facts = List.copyOf(facts);
            checkFindings = List.copyOf(checkFindings);
        }
    }

    /** Evaluates on {@code ruleSet}, which the caller holds (a lease, or a set not yet swapped in). */
    public Result evaluate(RuleSet ruleSet, ServiceDefinition service, Input input) {
        return evaluate(ruleSet, service, prepare(input), input.context());
    }

    /** The record's part of an evaluation of {@code input}: everything {@link #evaluate} does before the rules. */
    public PreparedRecord prepare(Input input) {
        // Whose data, which copy, which time (contract §2a) comes first: every later step sees only the patient's record.
        CheckedRecord record = recordCheck.check(input.data(), input.patientId(), input.fhirServer(), input.at(), zone);
        PatientData data = record.data();
        List<ExplainedFinding> checkFindings = new ArrayList<>();
        for (DataCheck check : checks) {
            DataCheck.Outcome outcome = check.check(data);
            data = outcome.data();
            checkFindings.addAll(outcome.findings());
        }
        return new PreparedRecord(input.at(), input.patientId(), input.fhirServer(), recordFacts(data, record, input),
                checkFindings);
    }

    /** Evaluates a record {@link #prepare prepared} by this evaluator, with the hook's {@code context} (may be null). */
    public Result evaluate(RuleSet ruleSet, ServiceDefinition service, PreparedRecord record, JsonNode context) {
        List<Object> facts = new ArrayList<>(record.facts());
        facts.addAll(contextFacts.facts(service, context, record.fhirServer()));
        facts.add(record.at());
        facts.add(ruleSet.config());
        Evaluation evaluation = evaluator.evaluate(ruleSet, Set.copyOf(service.rulePackages()), facts);
        List<Inconsistency> inconsistencies = ruleSet.findings().inconsistencies(evaluation.findings());
        List<ExplainedFinding> findings = new ArrayList<>(inconsistencies.isEmpty() ? evaluation.findings() : List.of());
        findings.addAll(record.checkFindings());
        findings = DraftOrderScope.reported(service.hook(), findings);
        if (!inconsistencies.isEmpty()) {
            // said on every hook: an order check may rest on the contradicting findings, which order-sign never shows
            findings = new ArrayList<>(findings);
            findings.addAll(0, InconsistentFindings.replacing(service.id(), ruleSet.version(), inconsistencies));
        }
        List<Card> cards = OrderCards.withRemoveSuggestion(renderer.render(findings,
                new CardRenderer.Context(ruleSet.version(), ruleSet.hash(), record.at(), record.patientId(),
                        overrideReasons(service))));
        return new Result(findings, evaluation.firedRules(), cards,
                facts.stream().filter(DraftOrder.class::isInstance).map(DraftOrder.class::cast).toList(),
                inconsistencies.stream().map(Inconsistency::describe).toList());
    }

    private static List<Coding> overrideReasons(ServiceDefinition service) {
        return service.overrideReasons().stream().map(r -> new Coding(r.system(), r.code(), r.display())).toList();
    }

    private List<Object> recordFacts(PatientData data, CheckedRecord record, Input input) {
        List<Object> facts = new ArrayList<>(mapper.map(data, input.at().date(), zone));
        if (facts.stream().noneMatch(AllPatient.class::isInstance)) {
            // contract §2a: what was left out is reported, also when it was all the ALL record there was
            List<String> evidence = mapper.allEvidence(record.excluded());
            if (!evidence.isEmpty()) {
                facts.add(new ExcludedAllRecords(evidence, !mapper.allEvidence(record.excludedOfThePatient()).isEmpty()));
            }
        }
        facts.addAll(mapper.named(record.issues(), input.data(), zone));
        return facts;
    }
}
