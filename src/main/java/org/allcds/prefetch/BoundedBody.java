package org.allcds.prefetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.http.Header;
import org.apache.http.HttpEntity;

/**
 * A FHIR response body read under limits: at most {@code maxBytes} after decompression, and a compressed body may
 * expand at most {@code maxRatio} times. Past either the read fails with {@link Exceeded}; nothing beyond the limit is
 * ever buffered, so a 50 MB body or a gzip bomb costs no more memory than the limit. Every decoded byte is also charged
 * to the request's {@link FetchBudget}, where a read may wait for room. Closing a body that was not read to its end
 * aborts the exchange instead of reading the rest (which is what closing the HTTP client's stream does): an endless
 * body is dropped at the limit.
 */
final class BoundedBody {

    /** Small bodies compress far better than large ones; the ratio is judged only past this size. */
    static final long RATIO_FLOOR_BYTES = 64 * 1024;

    private BoundedBody() {
    }

    /** The response body exceeded a limit; {@code reason} completes "could not be fetched: …". */
    static final class Exceeded extends IOException {
        Exceeded(String reason) {
            super(reason);
        }
    }

    /** The limits of one body, and how to drop its exchange (connection included) when it is not read to its end. */
    record Limits(long maxBytes, int maxRatio, FetchBudget.Call budget, Runnable abort) {
    }

    static InputStream open(HttpEntity entity, Limits limits) throws IOException {
        Counting raw = new Counting(entity.getContent());
        Header encoding = entity.getContentEncoding();
        String coding = encoding == null ? "identity" : encoding.getValue().trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "identity", "" -> new Limited(raw, raw, limits, 0);
            case "gzip", "x-gzip" -> new Limited(new GZIPInputStream(raw), raw, limits, limits.maxRatio());
            case "deflate" -> new Limited(new InflaterInputStream(raw), raw, limits, limits.maxRatio());
            default -> throw new Exceeded("the FHIR server's response has an unsupported content encoding");
        };
    }

    /** Counts the bytes that arrive over the wire. */
    private static final class Counting extends FilterInputStream {
        private long count;
        private boolean ended;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            ended |= n < 0;
            return n;
        }
    }

    /** Counts the decoded bytes and stops at either limit; aborts the exchange when closed before the body's end. */
    private static final class Limited extends FilterInputStream {
        /** Read past the end of the JSON to find the end of the body; a body that goes on beyond is dropped. */
        private static final int TRAILING_BYTES = 8192;

        private final Counting raw;
        private final long maxBytes;
        private final int maxRatio;
        private final FetchBudget.Call budget;
        private final Runnable abort;
        private long count;
        private boolean closed;

        Limited(InputStream decoded, Counting raw, Limits limits, int maxRatio) {
            super(decoded);
            this.raw = raw;
            this.maxBytes = limits.maxBytes();
            this.maxRatio = maxRatio;
            this.budget = limits.budget();
            this.abort = limits.abort();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (ended()) {
                super.close();
                return;
            }
            abort.run();
            try {
                super.close();
            } catch (IOException aborted) {
                // the stream of an aborted exchange may fail to close; its connection is gone either way
            }
        }

        /** Whether the body, decoded and on the wire, has ended within a few more bytes (never past the limits). */
        private boolean ended() {
            try {
                return readsToEnd(this) && readsToEnd(raw);
            } catch (IOException | RuntimeException failed) {
                return false;
            }
        }

        private static boolean readsToEnd(InputStream in) throws IOException {
            if (in instanceof Counting counting && counting.ended) {
                return true;
            }
            byte[] rest = new byte[1024];
            for (int read = 0; read <= TRAILING_BYTES; ) {
                int n = in.read(rest);
                if (n < 0) {
                    return true;
                }
                read += n;
            }
            return false;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(read(new byte[(int) Math.max(1, Math.min(n, 8192))]), 0);
        }

        private void counted(int n) throws Exceeded {
            count += n;
            if (count > maxBytes) {
                throw new Exceeded("the FHIR server's response is larger than " + maxBytes
                        + " bytes (allcds.fhir.max-response-bytes)");
            }
            if (maxRatio > 0 && count > RATIO_FLOOR_BYTES && count > maxRatio * Math.max(raw.count, 1)) {
                throw new Exceeded("the FHIR server's compressed response expands more than " + maxRatio
                        + " times (allcds.fhir.max-decompression-ratio)");
            }
            budget.charge(n);
        }
    }
}
