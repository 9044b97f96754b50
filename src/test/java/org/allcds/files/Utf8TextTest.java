package org.allcds.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8TextTest {

    @TempDir
    Path dir;

    @Test
    void utf8Text_isReadAsItIs() throws IOException {
        String text = "rule \"R-DX-02\"\n  // caf\u00e9, \u2265 50 \u00d710^9/L, \uD83E\uDE78\n";
        Path file = Files.writeString(dir.resolve("a.drl"), text);

        assertThat(Utf8Text.read(file)).isEqualTo(text);
    }

    /** The place counts characters, so the UTF-8 "é" (two bytes) before the Latin-1 byte is one column. */
    @Test
    void aLatin1Byte_isNamedByLineAndColumn() throws IOException {
        byte[] utf8 = "line one\n\u00e9 then ".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, bytes, 0, utf8.length);
        System.arraycopy(latin1, 0, bytes, utf8.length, latin1.length);
        Path file = Files.write(dir.resolve("b.yaml"), bytes);

        assertThatThrownBy(() -> Utf8Text.read(file)).isInstanceOfSatisfying(Utf8Text.NotUtf8Exception.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(11);
            assertThat(e.getMessage()).isEqualTo("b.yaml is not UTF-8 text");
        });
    }

    @Test
    void aBadFirstByte_isLineOneColumnOne() throws IOException {
        Path file = Files.write(dir.resolve("c.drl"), new byte[] {(byte) 0xFF, 'x'});

        assertThatThrownBy(() -> Utf8Text.read(file)).isInstanceOfSatisfying(Utf8Text.NotUtf8Exception.class,
                e -> assertThat(e.line() + ":" + e.column()).isEqualTo("1:1"));
    }
}
