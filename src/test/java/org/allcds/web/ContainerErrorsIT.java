package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors Tomcat answers before any filter or servlet runs are OperationOutcomes in JSON too. Raw sockets, because
 * well-behaved HTTP clients refuse to send most of these requests.
 */
class ContainerErrorsIT extends AbstractHttpIT {

    @Test
    void encodedSlashInPath_isJsonOperationOutcome() throws IOException {
        Answer answer = raw("POST /cds-services/x%2Ffeedback HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertOperationOutcome(answer, 400);
        assertThat(diagnostics(answer)).isEqualTo(
                "The request could not be read: its path holds a percent-encoded slash, which is not allowed.");
    }

    @Test
    void badPercentEncoding_isJsonOperationOutcome() throws IOException {
        Answer answer = raw("GET /cds-services/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertOperationOutcome(answer, 400);
        assertThat(diagnostics(answer)).isEqualTo("The request could not be read: its path holds a '%' that is not"
                + " followed by two hexadecimal digits.");
    }

    /** A query parameter whose percent-encoded bytes are not UTF-8 (Latin-1 "é"): a 400, not Tomcat's exception as a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"/admin/feedback/summary?since=%E9", "/actuator/health?x=%E9"})
    void queryThatIsNotUtf8_is400OperationOutcome(String path) throws IOException {
        Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nConnection: close\r\n\r\n");
        assertOperationOutcome(answer, 400);
        assertThat(answer.body()).contains("percent-encoded bytes must be UTF-8");
    }

    @Test
    void headerTooLarge_isJsonOperationOutcome() throws IOException {
        String huge = "x".repeat(64 * 1024);
        Answer answer = raw("GET /cds-services HTTP/1.1\r\nHost: localhost\r\nX-Big: " + huge
                + "\r\nConnection: close\r\n\r\n");
        assertOperationOutcome(answer, 400);
        assertThat(diagnostics(answer)).isEqualTo("The request could not be read: its headers are larger than the server"
                + " accepts.");
    }

    @Test
    void traceRefusedByTheConnector_isJsonOperationOutcome_namingTheMethod() throws IOException {
        Answer answer = raw("TRACE /cds-services HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertOperationOutcome(answer, 405);
        assertThat(diagnostics(answer)).isEqualTo("Method TRACE is not allowed on any path.");
        assertThat(JSON.readTree(answer.body()).path("issue").path(0).path("code").asString()).isEqualTo("not-supported");
    }

    private record Answer(int status, String headers, String body) {
    }

    private Answer raw(String request) throws IOException {
        String text = rawExchange(request);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return body.toString();
    }

    private static String diagnostics(Answer answer) {
        return JSON.readTree(answer.body()).path("issue").path(0).path("diagnostics").asString();
    }

    private static void assertOperationOutcome(Answer answer, int status) {
        assertThat(answer.status()).as(answer.headers() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.headers().toLowerCase()).as(answer.headers()).contains("content-type: application/json",
                "x-content-type-options: nosniff", "x-frame-options: deny", "cache-control: no-store");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(body.path("issue").path(0).path("diagnostics").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("<html", "%2F", "%zz");
    }
}
