package org.allcds.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.allcds.errors.ServiceBusyException;
import org.allcds.errors.UnknownServiceException;
import org.allcds.feedback.CardLog;
import org.allcds.feedback.FeedbackService;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.allcds.hooks.Source;
import org.allcds.pipeline.HookPipeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web layer alone (MockMvc on the controller and the one error advice, the pipeline mocked): status codes, media
 * types and OperationOutcome bodies, and that nothing reaches the pipeline's evaluation when the call is refused first.
 */
class CdsHooksControllerTest {

    private static final String CALL = """
            {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
             "context": {"userId": "Practitioner/1", "patientId": "example-a"}}""";

    private final HookPipeline pipeline = mock(HookPipeline.class);
    private final CardLog cardLog = mock(CardLog.class);
    private final WarmUpMark warmUpMark = new WarmUpMark();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        CdsHooksController controller = new CdsHooksController(pipeline, BundledRuleSet.holder(), new JsonBodies(100),
                mock(FeedbackService.class), cardLog, warmUpMark, JsonMapper.builder().build());
        mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new OperationOutcomeAdvice()).build();
    }

    @Test
    void call_returnsThePipelinesCards_asJson_neverCached() throws Exception {
        Card card = new Card("uuid-1", "Standard risk", null, "info", new Source("ALL-CDS", null, null, null), null, null,
                null, null, Map.of());
        when(pipeline.call(eq("ped-all-risk"), any())).thenReturn(new CdsResponse(List.of(card), null));

        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content(CALL))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.cards[0].summary").value("Standard risk"));
    }

    /**
     * The warm-up's calls over HTTP are answered in full but their cards stay out of the card log, so the feedback
     * summary's cards issued count EHR calls only; a header with any other value is a client's call like any other.
     */
    @Test
    void call_markedAsTheWarmUp_isAnswered_butItsCardsAreNotLogged() throws Exception {
        Card card = new Card("uuid-1", "Standard risk", null, "info", new Source("ALL-CDS", null, null, null), null, null,
                null, null, Map.of());
        when(pipeline.call(eq("ped-all-risk"), any())).thenReturn(new CdsResponse(List.of(card), null));
        String markValue = warmUpMark.mark(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://x/")))
                .build().headers().firstValue(WarmUpMark.HEADER).orElseThrow();

        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content(CALL)
                        .header(WarmUpMark.HEADER, markValue))
                .andExpect(status().isOk()).andExpect(jsonPath("$.cards[0].summary").value("Standard risk"));
        verify(cardLog, never()).issued(any(), any());

        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content(CALL)
                        .header(WarmUpMark.HEADER, "0".repeat(markValue.length())))
                .andExpect(status().isOk());
        verify(cardLog).issued(eq("ped-all-risk"), eq(List.of(card)));
    }

    @Test
    void call_unknownService_is404OperationOutcome_andNothingIsEvaluated() throws Exception {
        when(pipeline.service("nope")).thenThrow(new UnknownServiceException("No CDS service with id 'nope'."));

        mvc.perform(post("/cds-services/nope").contentType(MediaType.APPLICATION_JSON).content(CALL))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("nope")));
        verify(pipeline, never()).call(any(), any());
    }

    @Test
    void call_malformedJson_is400OperationOutcome_andNothingIsEvaluated() throws Exception {
        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content("{\"hook\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        verify(pipeline, never()).call(any(), any());
    }

    /** A prefetch key or a content coding the client sent is quoted cut short, never at any length. */
    @Test
    void call_quotesAtMostAHundredCharactersOfAPrefetchKeyOrContentCodingSent() throws Exception {
        String key = "k".repeat(20_000);
        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON)
                        .content(CALL.replaceFirst("}$", ", \"prefetch\": {\"" + key + "\": 5}}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].diagnostics").value("prefetch." + "k".repeat(100)
                        + "… must be a FHIR resource (a JSON object) or null."));
        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content(CALL)
                        .header("Content-Encoding", "z".repeat(5_000)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.issue[0].diagnostics").value("Content-Encoding " + "z".repeat(100)
                        + "… is not supported; send the request body uncompressed (no Content-Encoding, or identity)."));
        verify(pipeline, never()).call(any(), any());
    }

    @Test
    void call_missingHookInstance_is400NamingTheField() throws Exception {
        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hook\": \"patient-view\", \"context\": {\"userId\": \"u\", \"patientId\": \"p\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("hookInstance")));
        verify(pipeline, never()).call(any(), any());
    }

    @Test
    void call_whenTheServiceIsAtCapacity_is503OperationOutcome_withRetryAfter() throws Exception {
        when(pipeline.call(eq("ped-all-risk"), any())).thenThrow(new ServiceBusyException(
                "The service is at capacity: no evaluation slot came free within 2000 ms; retry later.", Duration.ofSeconds(2)));

        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON).content(CALL))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].code").value("transient"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("at capacity")));
    }

    @Test
    void call_asPlainText_is415() throws Exception {
        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.TEXT_PLAIN).content(CALL))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
    }

    @Test
    void discovery_listsThePublishedServices() throws Exception {
        when(pipeline.publishedServices(any())).thenReturn(BundledRuleSet.get().services().services());

        mvc.perform(get("/cds-services"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.services[?(@.id == 'ped-all-risk')].hook").value("patient-view"));
    }

    @Test
    void discovery_answersItsJson_toClientsThatAcceptAFhirJsonType() throws Exception {
        when(pipeline.publishedServices(any())).thenReturn(BundledRuleSet.get().services().services());

        for (String accept : List.of("application/fhir+json", "application/json+fhir", "application/*+json",
                "application/xml, application/fhir+json;q=0.5", "*/*")) {
            mvc.perform(get("/cds-services").header("Accept", accept))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.services[?(@.id == 'ped-all-risk')].hook").value("patient-view"));
        }
    }

    @Test
    void discovery_toAClientThatAcceptsNothingJsonLike_is406() throws Exception {
        mvc.perform(get("/cds-services").header("Accept", "application/xml"))
                .andExpect(status().isNotAcceptable());
    }

    @Test
    void call_withACompressedBody_is415SayingToSendItUncompressed_andNothingIsEvaluated() throws Exception {
        for (String coding : List.of("gzip", "deflate", "br", "identity, gzip")) {
            mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON)
                            .header("Content-Encoding", coding).content(new byte[] {0x1f, (byte) 0x8b, 8, 0}))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                    .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("Content-Encoding")))
                    .andExpect(jsonPath("$.issue[0].diagnostics").value(containsString("uncompressed")));
        }
        verify(pipeline, never()).call(any(), any());
    }

    @Test
    void call_withIdentityContentEncoding_isRead() throws Exception {
        when(pipeline.call(eq("ped-all-risk"), any())).thenReturn(new CdsResponse(List.of(), null));

        mvc.perform(post("/cds-services/ped-all-risk").contentType(MediaType.APPLICATION_JSON)
                        .header("Content-Encoding", "identity").content(CALL))
                .andExpect(status().isOk());
    }
}
