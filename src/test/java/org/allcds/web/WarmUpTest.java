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

    /**
     * The services of a round are called side by side (the second core is idle once Spring has started), but no more
     * at once than calls may evaluate, and the second round only after every call of the first.
     */
    @Test
    void aRoundCallsTheServicesSideBySide_andTheSecondRoundStartsAfterTheFirst() throws Exception {
        List<Span> spans = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        HookPipeline pipeline = countingPipeline(2, (service, request) -> {
            long start = System.nanoTime();
            sleep(200);
            spans.add(new Span(service, Thread.currentThread().getName(), start, System.nanoTime()));
            return CdsResponse.of(List.of());
        });

        warmUp(pipeline).run(null);

        int services = BundledRuleSet.get().services().services().size();
        assertThat(spans).hasSize(WarmUp.ROUNDS * services);
        List<Span> first = spans.stream().sorted(java.util.Comparator.comparingLong(Span::start)).limit(services).toList();
        List<Span> second = spans.stream().filter(span -> !first.contains(span)).toList();
        assertThat(first).extracting(Span::service).doesNotHaveDuplicates();
        assertThat(first.stream().mapToLong(Span::end).max().orElseThrow())
                .as("the second round starts after the first has ended")
                .isLessThanOrEqualTo(second.stream().mapToLong(Span::start).min().orElseThrow());
        assertThat(spans.stream().anyMatch(a -> spans.stream().anyMatch(b -> a != b && a.overlaps(b))))
                .as("two services' calls at once").isTrue();
        assertThat(spans.stream().noneMatch(a -> spans.stream().filter(b -> b.runsAt(a.start())).count() > 2))
                .as("never more calls at once than evaluate without waiting").isTrue();
    }

    /** An error in a warm-up call (not a failed call, which is logged) fails the start with that error. */
    @Test
    void anErrorInAWarmUpCall_failsTheStartWithThatError() {
        HookPipeline pipeline = countingPipeline(2, (service, request) -> {
            throw new NoClassDefFoundError("org/allcds/Missing");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> warmUp(pipeline).run(null))
                .isInstanceOf(NoClassDefFoundError.class).hasMessage("org/allcds/Missing");
    }

    private record Span(String service, String thread, long start, long end) {
        boolean overlaps(Span other) {
            return start < other.end && other.start < end;
        }

        boolean runsAt(long time) {
            return start <= time && time < end;
        }
    }

    private static HookPipeline countingPipeline(int concurrentCalls,
                                                 java.util.function.BiFunction<String, org.allcds.hooks.CdsRequest, CdsResponse> call) {
        HookPipeline pipeline = mock(HookPipeline.class);
        when(pipeline.concurrentCalls()).thenReturn(concurrentCalls);
        when(pipeline.call(any(), any())).thenAnswer(invocation -> call.apply(invocation.getArgument(0), invocation.getArgument(1)));
        return pipeline;
    }

    /** The warm-up without a web server (no calls over HTTP) and without the background calls. */
    private static WarmUp warmUp(HookPipeline pipeline) {
        return new WarmUp(pipeline, BundledRuleSet.holder(), new JsonBodies(64), JSON, null, null,
                new WebProperties.WarmUpSettings(true, 0), null, new WarmUpMark());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
