package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.ServiceBusyException;
import org.allcds.errors.UnknownServiceException;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.CdsResponse;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service call without Spring or HTTP: the call is checked against the service before any data is read, the
 * prefetch comes from the resolver, and the evaluation time comes from the request, so worked example A gives its
 * findings whatever day the test runs.
 */
class HookPipelineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE_A = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");
    /** A day long after example A, so findings that depended on the clock instead of the request would differ. */
    private static final Clock LATER = Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final PrefetchResolver prefetch = mock(PrefetchResolver.class);
    private HookPipeline pipeline;
    private ObjectNode exampleA;

    @BeforeEach
    void setUp() throws Exception {
        exampleA = (ObjectNode) JSON.readTree(Files.readString(EXAMPLE_A));
        PatientData data = new PatientData(new LocalPrefetch().prefetch(exampleA.get("prefetch")));
        when(prefetch.resolve(any(), any(), any())).thenReturn(data);
        pipeline = new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(LATER), new TemplateCodes(new FactMapper()));
    }

    private static CdsRequest request(ObjectNode body) {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        body.get("prefetch").properties().forEach(e -> prefetch.put(e.getKey(), e.getValue()));
        return new CdsRequest(body.get("hook").asString(), body.get("hookInstance").asString(), null, null,
                (ObjectNode) body.get("context"), prefetch, (ObjectNode) body.get("extension"));
    }

    /** type:value of every finding on every card (the org.allcds extension). */
    private static List<String> findings(CdsResponse response) {
        JsonNode cards = JSON.valueToTree(response).get("cards");
        List<String> found = new ArrayList<>();
        for (JsonNode list : cards.findValues("findings")) {
            for (JsonNode f : list) {
                found.add(f.get("type").asString() + ":" + f.get("value").asString());
            }
        }
        return found;
    }

    /**
     * The prefetch's JSON is given up once its resources are read, while the caller still holds the request: for a large
     * record the tree is most of a call's memory, and two such calls at once filled the heap (full collections, seconds
     * each). Its nodes are then unreachable: collected, although the request is not.
     */
    @Test
    void theCallGivesThePrefetchJsonUp_onceItsResourcesAreRead() throws Exception {
        CdsRequest request = request((ObjectNode) JSON.readTree(Files.readString(EXAMPLE_A)));
        java.lang.ref.WeakReference<JsonNode> observations = new java.lang.ref.WeakReference<>(
                request.prefetch().get("observations"));

        pipeline.call("ped-all-risk", request);

        for (int i = 0; i < 5 && observations.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(observations.get()).as("the observations' JSON after the call").isNull();
        assertThatThrownBy(() -> request.prefetch().get("patient")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void call_workedExampleA_givesItsFindingsAtTheRequestsEvaluationTime() {
        CdsResponse response = pipeline.call("ped-all-risk", request(exampleA));

        assertThat(findings(response)).contains("nci-risk:STANDARD", "risk-group:LOW");
    }

    @Test
    void call_unknownService_is404_beforeAnyDataIsRead() {
        assertThatThrownBy(() -> pipeline.call("no-such-service", request(exampleA)))
                .isInstanceOf(UnknownServiceException.class).hasMessageContaining("no-such-service");
        verifyNoInteractions(prefetch);
    }

    @Test
    void call_hookTheServiceDoesNotAnswer_is400_beforeAnyDataIsRead() {
        exampleA.put("hook", "order-sign");

        assertThatThrownBy(() -> pipeline.call("ped-all-risk", request(exampleA)))
                .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("order-sign");
        verifyNoInteractions(prefetch);
    }

    /** A value the client sent is quoted cut short: a hook of 100,000 characters came back whole in the 400. */
    @Test
    void call_quotesAtMostAHundredCharactersOfTheHookOrServiceIdSent() {
        exampleA.put("hook", "x".repeat(100_000));

        assertThatThrownBy(() -> pipeline.call("ped-all-risk", request(exampleA)))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> assertThat(e.diagnostics()).isEqualTo(
                        "hook '" + "x".repeat(100) + "…' does not match service 'ped-all-risk', which answers"
                                + " 'patient-view'."));
        assertThatThrownBy(() -> pipeline.call("s".repeat(5_000), request(exampleA)))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("No CDS service with id '" + "s".repeat(100) + "…'."));
    }

    @Test
    void call_withoutPatientId_is400NamingTheContextField() {
        ((ObjectNode) exampleA.get("context")).remove("patientId");

        assertThatThrownBy(() -> pipeline.call("ped-all-risk", request(exampleA)))
                .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("context.patientId");
        verifyNoInteractions(prefetch);
    }

    @Test
    void call_resolvesAndEvaluatesHoldingAPermit_butWaitsForFetchesWithout() {
        EvaluationGate gate = new EvaluationGate(1, Duration.ofSeconds(5), Duration.ofSeconds(1));
        HookPipeline gated = new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(LATER), new TemplateCodes(new FactMapper()), gate);
        List<Integer> freeWhile = new ArrayList<>();
        PatientData data = new PatientData(new LocalPrefetch().prefetch(exampleA.get("prefetch")));
        when(prefetch.resolve(any(), any(), any())).thenAnswer(call -> {
            freeWhile.add(gate.available());
            return call.<PrefetchResolver.FetchWait>getArgument(2).during(() -> {
                freeWhile.add(gate.available());
                return data;
            });
        });

        CdsResponse response = gated.call("ped-all-risk", request(exampleA));

        assertThat(freeWhile).as("permits free while parsing, then while waiting for fetches").containsExactly(0, 1);
        assertThat(findings(response)).contains("nci-risk:STANDARD");
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void call_whenNoPermitComesFree_is503_andNothingIsRead() {
        EvaluationGate gate = new EvaluationGate(1, Duration.ofMillis(20), Duration.ofSeconds(1));
        HookPipeline gated = new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(LATER), new TemplateCodes(new FactMapper()), gate);

        gate.call(held -> {
            assertThatThrownBy(() -> gated.call("ped-all-risk", request(exampleA)))
                    .isInstanceOf(ServiceBusyException.class);
            return null;
        });
        verifyNoInteractions(prefetch);
    }

    @Test
    void publishedServices_listEveryServiceOfTheRuleSet_inDeclarationOrder() {
        List<String> ids = pipeline.publishedServices(BundledRuleSet.get()).stream().map(s -> s.id()).toList();

        assertThat(ids).containsExactlyElementsOf(
                BundledRuleSet.get().services().services().stream().map(s -> s.id()).toList());
        assertThat(ids).contains("ped-all-risk", "ped-all-relapse");
    }
}
