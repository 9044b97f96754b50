package org.allcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.ServiceBuild;
import org.allcds.errors.LogText;
import org.allcds.errors.UnsupportedMediaException;
import org.allcds.feedback.CardLog;
import org.allcds.feedback.FeedbackService;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.CdsResponse;
import org.allcds.hooks.Discovery;
import org.allcds.hooks.ServiceDescriptor;
import org.allcds.pipeline.HookPipeline;
import org.allcds.pipeline.PerRuleSet;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The three CDS Hooks endpoints: discovery, service call and feedback. One delegate per endpoint. */
@RestController
@RequestMapping("/cds-services")
class CdsHooksController {

    /** Request attribute for the request log: the correlation id (hookInstance). */
    static final String HOOK_INSTANCE_ATTRIBUTE = "org.allcds.hookInstance";
    /** The FHIR JSON media type, and the one DSTU2-era clients still send. */
    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_JSON_LEGACY = "application/json+fhir";

    private final HookPipeline pipeline;
    private final RuleSetHolder ruleSets;
    private final JsonBodies bodies;
    private final FeedbackReader feedbackReader = new FeedbackReader();
    private final FeedbackService feedback;
    private final CardLog cardLog;
    private final WarmUpMark warmUpMark;
    private final PerRuleSet<byte[]> discoveryBodies;

    CdsHooksController(HookPipeline pipeline, RuleSetHolder ruleSets, JsonBodies bodies, FeedbackService feedback,
                       CardLog cardLog, WarmUpMark warmUpMark, JsonMapper json) {
        this.warmUpMark = warmUpMark;
        this.pipeline = pipeline;
        this.discoveryBodies = new PerRuleSet<>(ruleSet -> json.writeValueAsBytes(discovery(ruleSet)));
        this.ruleSets = ruleSets;
        this.bodies = bodies;
        this.feedback = feedback;
        this.cardLog = cardLog;
    }

    /**
     * The discovery document changes only with the rule set: it is built and serialised once per set. It is answered,
     * as application/json, to a client asking for a FHIR JSON type too: an EHR's FHIR client sends that Accept.
     */
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, FHIR_JSON, FHIR_JSON_LEGACY})
    ResponseEntity<byte[]> discovery() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(discoveryBodies.get(ruleSets.current()));
    }

    Discovery discovery(RuleSet ruleSet) {
        Map<String, Object> allcds = new LinkedHashMap<>();
        Map<String, Object> ruleSetView = new LinkedHashMap<>(); // one member order in every JVM, unlike Map.of
        ruleSetView.put("version", ruleSet.version());
        ruleSetView.put("hash", ruleSet.hash());
        allcds.put("ruleSet", ruleSetView);
        allcds.put("serviceBuild", ServiceBuild.current());
        Map<String, Object> extension = Map.of("org.allcds", allcds);
        List<ServiceDescriptor> services = pipeline.publishedServices(ruleSet).stream()
                .map(s -> descriptor(s, extension)).toList();
        return new Discovery(services);
    }

    private static ServiceDescriptor descriptor(ServiceDefinition s, Map<String, Object> extension) {
        return new ServiceDescriptor(s.hook(), s.title(), s.description(), s.id(), s.prefetch(), s.usageRequirements(), extension);
    }

    @PostMapping(path = "/{serviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CdsResponse> call(@PathVariable String serviceId, HttpServletRequest http) throws IOException {
        pipeline.service(serviceId);
        CdsRequest request = CdsRequestReader.read(bodies.read(uncompressedBody(http)));
        http.setAttribute(HOOK_INSTANCE_ATTRIBUTE, request.hookInstance());
        CdsResponse response = pipeline.call(serviceId, request);
        if (!warmUpMark.isWarmUp(http)) {
            cardLog.issued(serviceId, response.cards());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(response);
    }

    @PostMapping(path = "/{serviceId}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> feedback(@PathVariable String serviceId, HttpServletRequest http) throws IOException {
        pipeline.service(serviceId);
        feedback.accept(serviceId, feedbackReader.read(bodies.read(uncompressedBody(http))));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    /**
     * The body, when it is sent as it is: a compressed one would reach the JSON reader as binary and be refused as
     * "not valid JSON", which hides what to change. Any content coding but {@code identity} is a 415 saying so.
     */
    private static InputStream uncompressedBody(HttpServletRequest http) throws IOException {
        for (String codings : Collections.list(http.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            for (String coding : codings.split(",")) {
                String name = coding.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    throw new UnsupportedMediaException("Content-Encoding " + LogText.quoted(name) + " is not supported; send the request"
                            + " body uncompressed (no Content-Encoding, or identity).");
                }
            }
        }
        return http.getInputStream();
    }
}
