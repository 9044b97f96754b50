package org.allcds.web;

import java.io.IOException;
import java.io.InputStream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSetHolder;
import org.allcds.hooks.CdsRequest;
import org.allcds.pipeline.HookPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one synthetic patient through every service before the application reports ready (runners finish before the
 * readiness state turns to ACCEPTING_TRAFFIC), so JSON, the FHIR parser, the mapping, Drools and the card renderer are
 * loaded and the first real request is as fast as the tenth.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    static final String REQUEST = "warmup/patient-view.json";

    private final HookPipeline pipeline;
    private final RuleSetHolder ruleSets;
    private final JsonBodies bodies;
    private final JsonMapper json;

    WarmUp(HookPipeline pipeline, RuleSetHolder ruleSets, JsonBodies bodies, JsonMapper json) {
        this.pipeline = pipeline;
        this.ruleSets = ruleSets;
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        long start = System.nanoTime();
        for (ServiceDefinition service : ruleSets.current().services().services()) {
            try (InputStream in = new ClassPathResource(REQUEST).getInputStream()) {
                ObjectNode body = (ObjectNode) bodies.read(in);
                body.put("hook", service.hook());
                CdsRequest request = new CdsRequestReader().read(body);
                json.writeValueAsBytes(pipeline.call(service.id(), request));
            } catch (RuntimeException e) {
                log.warn("Warm-up call to service '{}' failed: {}", service.id(), e.getMessage());
            }
        }
        log.info("Warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
