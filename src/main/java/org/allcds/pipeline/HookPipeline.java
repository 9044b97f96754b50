package org.allcds.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetHolder;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.LogText;
import org.allcds.errors.UnknownServiceException;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.CdsResponse;
import org.allcds.integrity.TemplateCodes;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import tools.jackson.databind.JsonNode;

/**
 * A service call from request to cards, on one rule set from start to end: check the call against the service,
 * resolve the prefetch (fetching what is missing), then the one {@link PatientEvaluator} (checks, facts, rules, cards).
 * Every hook's call (patient-view and order-sign alike) parses, evaluates and renders inside the
 * {@link EvaluationGate}, and waits for fetches outside it.
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
    private final PatientEvaluator evaluator;
    private final EvaluationTimes evaluationTimes;
    private final TemplateCodes templateCodes;
    private final EvaluationGate gate;
    /** Each service of a rule set as published and fetched; expanding the templates is regex work worth doing once. */
    private final PerRuleSet<Map<String, ServiceDefinition>> published = new PerRuleSet<>(this::withSiteCodes);

    /** A pipeline whose calls never wait for a turn (tools and tests that make one call at a time). */
    public HookPipeline(RuleSetHolder ruleSets, PrefetchResolver prefetch, PatientEvaluator evaluator,
                        EvaluationTimes evaluationTimes, TemplateCodes templateCodes) {
        this(ruleSets, prefetch, evaluator, evaluationTimes, templateCodes, EvaluationGate.unbounded());
    }

    public HookPipeline(RuleSetHolder ruleSets, PrefetchResolver prefetch, PatientEvaluator evaluator,
                        EvaluationTimes evaluationTimes, TemplateCodes templateCodes, EvaluationGate gate) {
        this.ruleSets = ruleSets;
        this.prefetch = prefetch;
        this.evaluator = evaluator;
        this.evaluationTimes = evaluationTimes;
        this.templateCodes = templateCodes;
        this.gate = gate;
    }

    /**
     * The rule set's services as published and fetched, in declaration order: their templates ask for the site's codes
     * too (contract §1).
     */
    public List<ServiceDefinition> publishedServices(RuleSet ruleSet) {
        return List.copyOf(published.get(ruleSet).values());
    }

    private Map<String, ServiceDefinition> withSiteCodes(RuleSet ruleSet) {
        Map<String, ServiceDefinition> services = new LinkedHashMap<>();
        ruleSet.services().services().forEach(s -> services.put(s.id(), templateCodes.expand(s)));
        return Collections.unmodifiableMap(services);
    }

    /** Throws {@link UnknownServiceException} before anything else is read, so an unknown id is a 404 whatever the body. */
    public ServiceDefinition service(String serviceId) {
        return service(ruleSets.current(), serviceId);
    }

    private static ServiceDefinition service(RuleSet ruleSet, String serviceId) {
        return ruleSet.services().find(serviceId)
                .orElseThrow(() -> new UnknownServiceException("No CDS service with id '" + LogText.quoted(serviceId) + "'."));
    }

    /** True when no call is being evaluated or waiting for its turn ({@link EvaluationGate#idle}). */
    public boolean idle() {
        return gate.idle();
    }

    /** How many calls evaluate at once without waiting for a turn ({@link EvaluationGate}'s permits). */
    public int concurrentCalls() {
        return gate.size();
    }

    public CdsResponse call(String serviceId, CdsRequest request) {
        return ruleSets.withRuleSet(ruleSet -> call(ruleSet, serviceId, request));
    }

    private CdsResponse call(RuleSet ruleSet, String serviceId, CdsRequest request) {
        ServiceDefinition service = service(ruleSet, serviceId);
        checkHook(service, request);
        EvaluationTime now = evaluationTimes.of(request);
        ServiceDefinition withSiteCodes = published.get(ruleSet).get(service.id());
        return gate.call(permit -> {
            PatientData data = prefetch.resolve(withSiteCodes, request, permit);
            request.prefetch().release(); // the resources are read: the JSON would hold a large record's memory twice
            return evaluator.evaluate(ruleSet, service, new PatientEvaluator.Input(data, now,
                    request.contextValue("patientId"), request.context(), request.fhirServer())).response();
        });
    }

    /** The request against the service: its hook, and the context fields that hook requires (a 400 otherwise). */
    public static void checkHook(ServiceDefinition service, CdsRequest request) {
        if (!service.hook().equals(request.hook())) {
            throw new InvalidCdsRequestException("hook '" + LogText.quoted(request.hook()) + "' does not match service '" + service.id()
                    + "', which answers '" + service.hook() + "'.");
        }
        checkContext(service.hook(), request.context());
    }

    /** The context fields {@code hook} requires are present (and strings where they must be); a 400 otherwise. */
    public static void checkContext(String hook, JsonNode context) {
        for (String field : REQUIRED_CONTEXT.getOrDefault(hook, List.of())) {
            JsonNode value = context == null ? null : context.get(field);
            if (value == null || value.isNull()) {
                throw new InvalidCdsRequestException("context." + field + " is required for hook '" + hook + "'.");
            }
            if (STRING_FIELDS.contains(field) && (!value.isString() || value.asString().isBlank())) {
                throw new InvalidCdsRequestException("context." + field + " must be a non-empty string.");
            }
        }
    }
}
