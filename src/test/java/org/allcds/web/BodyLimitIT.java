package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conformance §8 D42: a body over {@code allcds.limits.max-body-bytes} (64 KiB here) is a 413, sent with
 * Content-Length (refused before reading) or chunked (refused while reading), and the service stays healthy.
 */
@TestPropertySource(properties = "allcds.limits.max-body-bytes=65536")
class BodyLimitIT extends AbstractHttpIT {

    private static final int LIMIT = 65_536;
    private static final String SERVICE = "/cds-services/" + RISK;

    /** A valid request padded with an ignored member to exactly {@code size} bytes. */
    private static byte[] paddedRequest(int size) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("padding", "");
        int base = body.toString().getBytes(StandardCharsets.UTF_8).length;
        body.put("padding", "x".repeat(size - base));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    private HttpResponse<String> postBytes(String path, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Origin", SANDBOX_ORIGIN)
                .POST(publisher).build());
    }

    @Test
    void bodyAtTheLimit_isAccepted() {
        HttpResponse<String> response = postBytes(SERVICE, paddedRequest(LIMIT), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitWithContentLength_is413_thenTheServiceStillAnswers() {
        HttpResponse<String> response = postBytes(SERVICE, paddedRequest(LIMIT + 1), false);

        // §8 D42: over the limit with Content-Length → 413 (an OperationOutcome, with CORS so a browser can see it)
        assertOperationOutcome(response, 413, String.valueOf(LIMIT));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SANDBOX_ORIGIN);
        // ... and the service stays healthy: a follow-up request → 200
        assertThat(postBytes(SERVICE, paddedRequest(LIMIT - 10), false).statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitChunked_is413_thenTheServiceStillAnswers() {
        HttpResponse<String> response = postBytes(SERVICE, paddedRequest(4 * LIMIT), true);

        // §8 D42: chunked (no Content-Length) → 413 as soon as the limit is passed
        assertOperationOutcome(response, 413, String.valueOf(LIMIT));
        assertThat(postBytes(SERVICE, paddedRequest(LIMIT - 10), true).statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedBodyJustOverTheLimit_is413() {
        assertOperationOutcome(postBytes(SERVICE, paddedRequest(LIMIT + 1), true), 413, String.valueOf(LIMIT));
    }

    @Test
    void bodyFarOverTheLimit_is413() {
        // §8 D43: a 50 MB string → 413, not a 500 and not a dropped connection
        byte[] body = ("{\"hook\": \"" + "x".repeat(50 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertOperationOutcome(postBytes(SERVICE, body, false), 413, String.valueOf(LIMIT));
        assertThat(postBytes(SERVICE, paddedRequest(LIMIT - 10), false).statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedBodyFarOverTheLimit_isAnswered413WhileTheClientIsStillSending() throws Exception {
        // §8 D42/D43, chunked and 50 MB: the 413 comes while the upload is still going on (the container closes the
        // connection after discarding a little more, so a client that only reads after sending everything would see
        // a broken pipe instead; a raw socket shows what the server does)
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST " + SERVICE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n"
                            + "a\r\n{\"hook\": \"\r\n").getBytes(StandardCharsets.US_ASCII)); // a JSON string that never ends
                    byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 800; i++) { // 50 MiB
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByServer) {
                    // expected: the server stops reading after answering
                }
            });
            writer.start();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 413 ");
            socket.close();
            writer.join(10_000);
        }
        assertThat(postBytes(SERVICE, paddedRequest(LIMIT - 10), true).statusCode()).isEqualTo(200);
    }

    @Test
    void feedbackOverTheLimit_is413() {
        String item = "{\"card\":\"c\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-01-01T10:05:31Z\"},";
        String body = "{\"feedback\":[" + item.repeat(LIMIT / item.length() + 1) + "]}";

        assertOperationOutcome(postBytes(SERVICE + "/feedback", body.getBytes(StandardCharsets.UTF_8), false), 413,
                String.valueOf(LIMIT));
    }

    @Test
    void longStringOverTheLimit_is413Not500() {
        // §8 D43 (the size variant): one huge string value is refused by size, not parsed
        byte[] body = ("{\"hook\": \"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertOperationOutcome(postBytes(SERVICE, body, false), 413, String.valueOf(LIMIT));
        assertOperationOutcome(postBytes(SERVICE, body, true), 413, String.valueOf(LIMIT));
    }
}
