package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.allcds.errors.CdsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body that does not arrive in full is said as such, with the status the client is sent: it was logged as "not valid
 * JSON (line -1, column -1): java.net.SocketTimeoutException" with 400 while the client got 408.
 */
class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(100);

    @Test
    void aBodyTheClientStoppedSending_is408_sayingSo() {
        assertThatThrownBy(() -> bodies.read(startThenFail(new SocketTimeoutException("Read timed out"))))
                .isInstanceOfSatisfying(CdsException.class, e -> {
                    assertThat(e.status()).isEqualTo(408);
                    assertThat(e.diagnostics())
                            .isEqualTo("The request body did not arrive in full: the client stopped sending before the"
                                    + " read timeout.");
                });
    }

    /** Tomcat reports its read timeout wrapped (a ClientAbortException around the SocketTimeoutException). */
    @Test
    void aBodyTheClientStoppedSending_is408_whenTheContainerWrapsTheTimeout() {
        assertThatThrownBy(() -> bodies.read(startThenFail(new IOException("client abort",
                new SocketTimeoutException("Read timed out")))))
                .isInstanceOfSatisfying(CdsException.class, e -> assertThat(e.status()).isEqualTo(408));
    }

    @Test
    void aBodyShorterThanItsContentLength_is400_sayingSo() {
        assertThatThrownBy(() -> bodies.read(startThenFail(new EOFException())))
                .isInstanceOfSatisfying(CdsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.diagnostics())
                            .isEqualTo("The request body ended before the length it announced (Content-Length).");
                });
    }

    /**
     * Not valid JSON: the parser's own words, what the client typed left out but the JSON words it expected kept, so the
     * sentence still reads ("token 'null', 'true' or 'false'", not "token ,  or ").
     */
    @Test
    void aBodyThatIsNotJson_isSaidInTheParsersWords_withoutWhatTheClientTyped() {
        String body = "{\"hook\": Quaxworth}";
        assertThatThrownBy(() -> bodies.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(CdsException.class, e -> assertThat(e.diagnostics())
                        .startsWith("The request body is not valid JSON (line 1, column ")
                        .contains("Unrecognized token '…'", "'null', 'true' or 'false'")
                        .doesNotContain("Quaxworth", ",  or"));
        assertThatThrownBy(() -> bodies.read(new ByteArrayInputStream("{\"hook\": @}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(CdsException.class, e -> assertThat(e.diagnostics())
                        .contains("Unexpected character ('…'").doesNotContain("'@'", "( ("));
    }

    /**
     * One plain sentence with the line and column: never the parser's class, token or setting names, nor its source
     * description, which name the parser and its version line and tell a client nothing to change.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{                          | (line 1, column 2): it ends inside an object.",
            "[                          | (line 1, column 2): it ends inside an array.",
            "{\"a\":\"x                 | (line 1, column 8): it ends inside a string.",
            "{\"a\":1,                  | (line 1, column 8): it ends inside an object.",
            "{\"hook\":\"patient-view\"}{} | (line 1, column 24): a second JSON value follows the first.",
            "{\"a\": NaN}                | (line 1, column 10): Non-standard token '…'.",
            "{\"a\": +1}                 | (line 1, column 8): Unexpected character ('…' (code 43)) in numeric value:"
                    + " JSON spec does not allow numbers to have plus signs.",
            "{\"a\":1]                   | (line 1, column 7): Unexpected close marker '…': expected '…'.",
            "{\"a\": /* c */ 1}          | (line 1, column 7): Unexpected character ('…' (code 47)): maybe a"
                    + " (non-standard) comment?"})
    void aBodyThatIsNotJson_isOnePlainSentence_withoutTheParsersNames(String body, String problem) {
        assertThatThrownBy(() -> bodies.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(CdsException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("The request body is not valid JSON " + problem));
    }

    /** The start of a JSON object, then the read failure a servlet stream gives. */
    private static InputStream startThenFail(IOException failure) {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream("{\"hook\": \"pat".getBytes(StandardCharsets.UTF_8)),
                failing);
    }
}
