package org.allcds.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that must be UTF-8 (rules, configuration, scenarios), read strictly. A file saved in another encoding is a
 * {@link NotUtf8Exception} that says where its first byte that is not UTF-8 stands, so an author can find it; the
 * JDK's own exception names no place.
 */
public final class Utf8Text {

    /** What an author is told about such a file, after its place. */
    public static final String PROBLEM = "not UTF-8 text: save the file as UTF-8";

    private Utf8Text() {
    }

    /** The file's text; {@link NotUtf8Exception} at the first byte that is not UTF-8. */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new NotUtf8Exception(file, out.flip());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** A file that is not UTF-8, with the line and column (1-based, in characters) of its first byte that is not. */
    public static final class NotUtf8Exception extends IOException {
        private final int line;
        private final int column;

        NotUtf8Exception(Path file, CharSequence decodedBefore) {
            super(file.getFileName() + " is not UTF-8 text");
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < decodedBefore.length(); i++) {
                if (decodedBefore.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            this.line = line;
            this.column = decodedBefore.length() - lineStart + 1;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }
}
