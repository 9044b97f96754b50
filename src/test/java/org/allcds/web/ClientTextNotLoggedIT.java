package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.allcds.feedback.CardLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * README, request log: nothing a client typed (the path, body values, member names, header values) gets into the log
 * above DEBUG, whatever the request; the refusal's WARN line names method, route, status and issue code. Each request
 * here carries a name that must not appear in the log, in a place a refusal could quote it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientTextNotLoggedIT extends AbstractHttpIT {

    private static final String NAME = "Quaxworth-Elspeth-MRN-ZQ7781";

    @Autowired
    CardLog cardLog;

    @Test
    void aPathWithDotSegments_is404_andTheLogHasNotThePath(CapturedOutput output) throws IOException {
        assertThat(rawExchange("GET /x/%2e%2e/Patient/" + NAME + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404");
        assertThat(output.getAll()).doesNotContain(NAME);
    }

    /** Tomcat logs the first request line it cannot parse at INFO, quoting it; later ones at DEBUG. */
    @Test
    void aRequestLineTomcatCannotParse_is400_andNoContainerMessageQuotesIt(CapturedOutput output) throws IOException {
        assertThat(LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor").isInfoEnabled()).isFalse();
        assertThat(rawExchange("GET /cds-services/" + NAME + "|x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        // no filter ran, so no request-log line: the refusal has its own, without the path
        assertThat(output.getAll()).doesNotContain(NAME).contains("GET (refused by the connector) -> 400: The request could not be read");
    }

    @Test
    void aHookOfAnotherService_is400_andItsWarnLineNamesTheRouteNotTheHook(CapturedOutput output) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("hook", NAME);
        HttpResponse<String> answer = callService(RISK, body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).as("the client is told what it sent").contains(NAME);
        assertThat(output.getAll()).doesNotContain(NAME)
                .containsPattern("POST /cds-services/\\{serviceId} -> 400: invalid");
    }

    @Test
    void aBodyNestedTooDeep_is400_andTheLogHasNotItsMemberNames(CapturedOutput output) {
        String deep = "[".repeat(120) + "]".repeat(120);
        HttpResponse<String> answer = post("/cds-services/" + RISK, "{\"extension\": {\"" + NAME + "\": " + deep + "}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(NAME);
    }

    @Test
    void aContentTypeNotJson_is415_andTheLogHasNotTheHeader(CapturedOutput output) {
        HttpResponse<String> answer = postAs("/cds-services/" + RISK, "text/" + NAME, "{}");

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(output.getAll()).doesNotContain(NAME);
    }

    @Test
    void feedbackWithAReasonOrSuggestionTheCardDidNotOffer_is400_andTheLogHasNotThem(CapturedOutput output) {
        JsonNode response = json(callService(RISK, request("ped-all-risk/example-a")));
        String card = response.path("cards").path(0).path("uuid").asString();
        cardLog.flush(Duration.ofSeconds(10)); // until the card is recorded, its feedback is unmatched, and taken
        HttpResponse<String> reason = post("/cds-services/" + RISK + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z",
                  "overrideReason": {"reason": {"system": "urn:%s", "code": "%s-code"}}}]}""".formatted(card, NAME, NAME));
        HttpResponse<String> suggestion = post("/cds-services/" + RISK + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-01-01T10:05:31Z",
                  "acceptedSuggestions": [{"id": "%s-suggestion"}]}]}""".formatted(card, NAME));

        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(suggestion.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(NAME);
    }
}
