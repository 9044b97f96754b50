package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.allcds.errors.InvalidCdsRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Well-formed UTF-8 as Unicode table 3-7 defines it, whatever chunks the reader asks for. */
class Utf8CheckedStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "7b7d", "c2a9", "dfbf", "e0a080", "e282ac", "ed9fbf", "ee8080", "efbfbf", "f0908080",
            "f48fbfbf", "efbbbf7b7d", "7b2275736572c3bf4964223a317d"})
    void wellFormedUtf8_passesUnchanged(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertThat(readAll(bytes, 1)).isEqualTo(bytes);
        assertThat(readAll(bytes, 8192)).isEqualTo(bytes);
    }

    /** hex, offset of the byte that makes it invalid */
    @ParameterizedTest
    @CsvSource({
        "7bff7d, 1",          // never used in UTF-8
        "7b80, 1",            // a continuation byte without a lead
        "c0af, 0",            // overlong '/'
        "c1bf, 0",            // overlong
        "e080af, 1",          // overlong three-byte form
        "f08080af, 1",        // overlong four-byte form
        "eda080, 1",          // a surrogate (U+D800)
        "f4908080, 1",        // above U+10FFFF
        "f5808080, 0",        // never used
        "e28222, 2",          // cut short by a quote
        "c3, 1",              // cut short by the end of the body
        "7be282, 3"           // cut short by the end of the body
    })
    void invalidUtf8_isRefusedAtTheByteThatBreaksIt(String hex, long offset) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int chunk : new int[] {1, 2, 8192}) {
            assertThatThrownBy(() -> readAll(bytes, chunk)).isInstanceOf(InvalidCdsRequestException.class)
                    .hasMessageStartingWith("The request body is not valid UTF-8 at byte offset " + offset + " ");
        }
    }

    private static byte[] readAll(byte[] bytes, int chunk) throws IOException {
        try (InputStream in = new Utf8CheckedStream(new ByteArrayInputStream(bytes))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[chunk];
            for (int n; (n = in.read(buffer, 0, chunk)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
