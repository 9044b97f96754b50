package org.allcds.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.allcds.errors.InvalidCdsRequestException;

/**
 * A request body that must be well-formed UTF-8 (RFC 8259 §8.1; Unicode table 3-7) as it is read: a byte that cannot
 * start or continue a sequence, an overlong form (C0 AF for '/'), a surrogate or a sequence cut short is a 400 naming
 * its byte offset. The JSON parser decodes some invalid bytes instead of refusing them (0xFF inside a member name was
 * dropped, so {@code "user\xffId"} read as {@code userId}), so nothing invalid may reach it.
 */
final class Utf8CheckedStream extends FilterInputStream {

    /** Offset of the next byte read. */
    private long offset;
    /** Offset and value of the first byte of the sequence being read. */
    private long sequenceStart;
    private int leadByte;
    /** Continuation bytes the sequence still needs. */
    private int needed;
    /** Range of the next continuation byte: narrower than 80..BF right after E0, ED, F0 and F4. */
    private int low = 0x80;
    private int high = 0xBF;

    Utf8CheckedStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b, offset++);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = in.read(buffer, from, length);
        if (n < 0) {
            atEnd();
        }
        int end = from + n;
        for (int i = from; i < end; i++) {
            if (needed == 0) {
                // the fast path: JSON is mostly ASCII, which needs no state
                while (i < end && buffer[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            check(buffer[i] & 0xFF, offset + i - from);
        }
        offset += Math.max(n, 0);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Every byte is checked, including those a reader skips.
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** One byte at offset {@code at}, against the sequence it starts or continues. */
    private void check(int b, long at) {
        if (needed > 0) {
            if (b < low || b > high) {
                throw invalid(at, "byte " + hex(b) + " cannot continue the sequence that " + hex(leadByte)
                        + " starts at offset " + sequenceStart + " (it takes " + hex(low) + " to " + hex(high) + ")");
            }
            needed--;
            low = 0x80;
            high = 0xBF;
        } else if (b >= 0x80) {
            lead(b, at);
        }
    }

    /** The first byte of a multi-byte sequence: how many continuation bytes follow, and the range of the first. */
    private void lead(int b, long at) {
        sequenceStart = at;
        leadByte = b;
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;   // E0 80..9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80;   // F0 80..8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF;  // F4 90.. would be above U+10FFFF
        } else {
            throw invalid(at, "byte " + hex(b) + " cannot start a character" + (b < 0xC0 ? " (a continuation byte"
                    + " without its lead)" : b < 0xC2 ? " (it would be an overlong form)" : " (UTF-8 never uses it)"));
        }
    }

    private void atEnd() {
        if (needed > 0) {
            throw invalid(offset, "the sequence that " + hex(leadByte) + " starts at offset " + sequenceStart
                    + " is cut short by the end of the body");
        }
    }

    private static String hex(int b) {
        return String.format("0x%02X", b);
    }

    private static InvalidCdsRequestException invalid(long at, String what) {
        return new InvalidCdsRequestException("The request body is not valid UTF-8 at byte offset " + at + " (from 0): "
                + what + "; JSON must be sent as UTF-8 (RFC 8259).");
    }
}
