package org.allcds.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.cards.CardRenderer;
import org.allcds.cards.OrderCards;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetHolder;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.UnknownServiceException;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.CdsResponse;
import org.allcds.hooks.Coding;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import tools.jackson.databind.JsonNode;

/**
 * A service call from request to cards, on one rule set from start to end: check the call against the service,
 * resolve the prefetch (fetching what is missing), map FHIR to facts, evaluate the service's rules, render cards.
 */
public class HookPipeline {

    /** Context fields each hook requires (CDS Hooks library 1.0.1), with whether the field is a string. */
    static final Map<String, List<String>> REQUIRED_CONTEXT = Map.of(
            "patient-view", List.of("userId", "patientId"),
            "order-select", List.of("userId", "patientId", "selections", "draftOrders"),
            "order-sign", List.of("userId", "patientId", "draftOrders"),
            "encounter-start", List.of("userId", "patientId", "encounterId"));
    private static final Set<String> STRING_FIELDS = Set.of("userId", "patientId", "encounterId");

    private final RuleSetHolder ruleSets;
    private final PrefetchResolver prefetch;
    private final FactMapper mapper;
    private final RuleEvaluator evaluator;
    private final CardRenderer renderer;
    private final EvaluationTimes evaluationTimes;
    private final DataCheck dataCheck;

    public HookPipeline(RuleSetHolder ruleSets, PrefetchResolver prefetch, FactMapper mapper, RuleEvaluator evaluator,
                        CardRenderer renderer, EvaluationTimes evaluationTimes, DataCheck dataCheck) {
        this.ruleSets = ruleSets;
        this.prefetch = prefetch;
        this.mapper = mapper;
        this.evaluator = evaluator;
        this.renderer = renderer;
        this.evaluationTimes = evaluationTimes;
        this.dataCheck = dataCheck;
    }

    /** Throws {@link UnknownServiceException} before anything else is read, so an unknown id is a 404 whatever the body. */
    public ServiceDefinition service(String serviceId) {
        return service(ruleSets.current(), serviceId);
    }

    private static ServiceDefinition service(RuleSet ruleSet, String serviceId) {
        return ruleSet.services().find(serviceId)
                .orElseThrow(() -> new UnknownServiceException("No CDS service with id '" + serviceId + "'."));
    }

    public CdsResponse call(String serviceId, CdsRequest request) {
        return ruleSets.withRuleSet(ruleSet -> call(ruleSet, serviceId, request));
    }

    private CdsResponse call(RuleSet ruleSet, String serviceId, CdsRequest request) {
        ServiceDefinition service = service(ruleSet, serviceId);
        checkHook(service, request);
        EvaluationTime now = evaluationTimes.of(request);
        PatientData data = prefetch.resolve(service, request);
        DataCheck.Outcome checked = dataCheck.check(data);
        List<Object> facts = new ArrayList<>(mapper.map(data, now.date()));
        facts.addAll(DraftOrderScope.facts(service.hook(), request.context(), request.fhirServer(), mapper));
        facts.add(now);
        facts.add(ruleSet.config());
        Evaluation evaluation = evaluator.evaluate(ruleSet, Set.copyOf(service.rulePackages()), facts);
        List<Evaluation.ExplainedFinding> findings = new ArrayList<>(evaluation.findings());
        findings.addAll(checked.findings());
        findings = DraftOrderScope.reported(service.hook(), findings);
        return CdsResponse.of(OrderCards.withRemoveSuggestion(renderer.render(findings,
                new CardRenderer.Context(ruleSet.version(), ruleSet.hash(), now, request.contextValue("patientId"),
                        overrideReasons(service)))));
    }

    private static List<Coding> overrideReasons(ServiceDefinition service) {
        return service.overrideReasons().stream().map(r -> new Coding(r.system(), r.code(), r.display())).toList();
    }

    static void checkHook(ServiceDefinition service, CdsRequest request) {
        if (!service.hook().equals(request.hook())) {
            throw new InvalidCdsRequestException("hook '" + request.hook() + "' does not match service '" + service.id()
                    + "', which answers '" + service.hook() + "'.");
        }
        for (String field : REQUIRED_CONTEXT.getOrDefault(service.hook(), List.of())) {
            JsonNode value = request.context().get(field);
            if (value == null || value.isNull()) {
                throw new InvalidCdsRequestException("context." + field + " is required for hook '" + service.hook() + "'.");
            }
            if (STRING_FIELDS.contains(field) && (!value.isString() || value.asString().isBlank())) {
                throw new InvalidCdsRequestException("context." + field + " must be a non-empty string.");
            }
        }
    }
}
