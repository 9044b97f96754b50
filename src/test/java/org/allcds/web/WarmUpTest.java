package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.HookPipeline;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The warm-up request is one every bundled service accepts, so each service's own path is warm, order-sign's too. */
class WarmUpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyBundledServiceAcceptsItsWarmUpRequest_andOrderSignReachesTheOrderRules() throws Exception {
        WarmUp warmUp = new WarmUp(null, null, new JsonBodies(64), JSON, null, null, new WebProperties.WarmUpSettings(true, 0), null, new WarmUpMark());
        byte[] template = new ClassPathResource(WarmUp.REQUEST).getContentAsByteArray();
        byte[] draftOrders = new ClassPathResource(WarmUp.DRAFT_ORDERS).getContentAsByteArray();
        List<ServiceDefinition> services = BundledRuleSet.get().services().services();
        assertThat(services).extracting(ServiceDefinition::hook).contains("patient-view", "order-sign");

        for (ServiceDefinition service : services) {
            ObjectNode body = warmUp.body(service, template, draftOrders);
            CdsResponse response = pipeline(body).call(service.id(), CdsRequestReader.read(body));
            if (service.hook().equals("order-sign")) {
                // Example A is a first diagnosis: a CAR-T or blinatumomab order cannot meet the label.
                assertThat(response.cards()).extracting(Card::summary).isNotEmpty();
            }
        }
    }

    /** The background warm-up also sends every bundled example request to its service, never to a FHIR server. */
    @Test
    void everyExampleRequest_goesToItsServiceAndIsAccepted() throws Exception {
        WarmUp warmUp = new WarmUp(null, null, new JsonBodies(64), JSON, null, null, new WebProperties.WarmUpSettings(true, 0), null, new WarmUpMark());
        List<ServiceDefinition> services = BundledRuleSet.get().services().services();
        java.nio.file.Path requests = java.nio.file.Path.of("fhir-profiles/requests");
        List<String> files;
        try (var listing = java.nio.file.Files.list(requests)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
        }

        List<WarmUp.Example> examples = warmUp.examples(services);

        assertThat(examples).hasSize(files.size());
        for (WarmUp.Example example : examples) {
            ObjectNode body = (ObjectNode) JSON.readTree(example.body());
            assertThat(body.has("fhirServer")).isFalse();
            assertThat(body.path("hook").asString()).isEqualTo(example.service().hook());
            CdsResponse response = pipeline(body).call(example.service().id(), CdsRequestReader.read(body));
            assertThat(response.cards()).as(example.service().id()).isNotEmpty();
        }
        assertThat(examples).extracting(e -> e.service().id()).containsAll(services.stream().map(ServiceDefinition::id).toList());
    }

    @Test
    void anExampleWithAFhirServer_isSentWithoutIt() {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"hook": "patient-view", "fhirServer": "https://ehr.example/fhir",
                 "fhirAuthorization": {"access_token": "t", "token_type": "Bearer"}, "context": {}}""");

        assertThat(WarmUp.offline(body).propertyNames()).containsExactlyInAnyOrder("hook", "context");
    }

    private static HookPipeline pipeline(ObjectNode body) {
        PrefetchResolver prefetch = mock(PrefetchResolver.class);
        when(prefetch.resolve(any(), any(), any())).thenReturn(new PatientData(new LocalPrefetch().prefetch(body.get("prefetch"))));
        return new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(Clock.systemUTC()), new TemplateCodes(new FactMapper()));
    }

    @Test
    void backgroundCalls_3000ByDefault_0TurnsThemOff() {
        assertThat(settings(Map.of()).backgroundCalls()).isEqualTo(3000);
        assertThat(settings(Map.of()).enabled()).isTrue();
        assertThat(settings(Map.of("allcds.warm-up.background-calls", "0")).backgroundCalls()).isZero();
    }

    /** The settings as the service binds them (a negative count stops the start: {@code SettingsValidationTest}). */
    private static WebProperties.WarmUpSettings settings(Map<String, String> properties) {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(properties))
                .bindOrCreate("allcds.warm-up", WebProperties.WarmUpSettings.class);
    }
}
