package org.allcds.prefetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A FHIR server that misbehaves on purpose: every answer is generated as it is sent (nothing large is held in
 * memory), and it records when the client hung up, so a test can see that a connection was really closed.
 */
final class HostileFhirServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    interface Behaviour {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    static final String PATIENT_BUNDLE = """
            {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource":
              {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "x"}}}]}""";

    private final HttpServer server;
    private volatile Behaviour behaviour = healthy();
    /** Nanosecond times at which a client closed a connection while the server was still writing. */
    final CopyOnWriteArrayList<Long> hangUps = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    /** The client ports requests came from: one per connection. */
    final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    HostileFhirServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-fhir");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            try (exchange) {
                behaviour.answer(exchange);
            } catch (IOException hungUp) {
                hangUps.add(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- behaviours ---

    static Behaviour healthy() {
        return json(PATIENT_BUNDLE);
    }

    static Behaviour json(String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    static Behaviour gzipped(String body) {
        return exchange -> {
            byte[] bytes = gzip(body.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** A searchset Bundle of {@code bytes} bytes, streamed; with {@code declareLength} its length is announced. */
    static Behaviour huge(long bytes, boolean declareLength) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, declareLength ? bytes : 0);
            writeBundle(exchange.getResponseBody(), bytes);
        };
    }

    /**
     * A gzip body of a few MB on the wire that inflates to about {@code inflated} bytes: the start of a Bundle, then
     * gzip members of 8 MB of JSON whitespace each (a reader must accept concatenated members), written as fast as
     * the client reads.
     */
    static Behaviour gzipBomb(long inflated) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(gzip("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [".getBytes(StandardCharsets.UTF_8)));
            byte[] spaces = WHITESPACE_MEMBER.get();
            for (long written = 0; written < inflated; written += WHITESPACE_MEMBER_BYTES) {
                out.write(spaces);
            }
        };
    }

    private static final int WHITESPACE_MEMBER_BYTES = 8 * 1024 * 1024;
    private static final java.util.function.Supplier<byte[]> WHITESPACE_MEMBER = memoized(
            () -> gzip(" ".repeat(WHITESPACE_MEMBER_BYTES).getBytes(StandardCharsets.US_ASCII)));

    private static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
        java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> value.updateAndGet(v -> v != null ? v : supplier.get());
    }

    /** Headers at once, then one byte of a valid Bundle every {@code pauseMillis}, never finishing in time. */
    static Behaviour slowDrip(long pauseMillis) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] start = "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [".getBytes(StandardCharsets.UTF_8);
            out.write(start);
            out.flush();
            for (int i = 0; i < 10_000; i++) {
                Thread.sleep(pauseMillis);
                out.write(' ');
                out.flush();
            }
        };
    }

    /**
     * Searchset pages of about {@code pageBytes} bytes each, of small Observations (the densest kind of FHIR JSON: the
     * parsed data take many times the bytes), {@code pages} of them linked by next links ({@code ?page=n}).
     */
    Behaviour pages(long pageBytes, int pages) {
        return exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int page = query != null && query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1;
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String next = page < pages ? "\"link\": [{\"relation\": \"next\", \"url\": \"" + base()
                    + "/Observation?page=" + (page + 1) + "\"}], " : "";
            byte[] start = ("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", " + next + "\"entry\": [")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] entry = SMALL_OBSERVATION.getBytes(StandardCharsets.UTF_8);
            out.write(start);
            for (long written = start.length; written + entry.length < pageBytes; written += entry.length) {
                out.write(entry);
            }
            out.write("{}]}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static final String SMALL_OBSERVATION = """
            {"resource": {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"coding": [{"system": \
            "http://loinc.org", "code": "26464-8"}]}, "subject": {"reference": "Patient/p1"}, "effectiveDateTime": \
            "2020-01-01", "valueQuantity": {"value": 12.5, "unit": "10*9/L"}}},""";

    /**
     * {@code answer} with a pause: after its first {@code bytes} bytes of body the server waits for {@code resume}, the
     * connection left open.
     */
    static Behaviour pausing(Behaviour answer, long bytes, CountDownLatch resume) {
        return exchange -> {
            exchange.setStreams(null, new FilterOutputStream(exchange.getResponseBody()) {
                private long written;

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    out.write(buffer, offset, length);
                    written += length;
                    if (written >= bytes && resume.getCount() > 0) {
                        out.flush();
                        try {
                            resume.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException();
                        }
                    }
                }
            });
            answer.answer(exchange);
        };
    }

    /** A chunked searchset that never ends: entries are written as fast as the client reads, until it hangs up. */
    static Behaviour endless() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            writeBundle(exchange.getResponseBody(), Long.MAX_VALUE);
        };
    }

    static Behaviour status(int status, String header, String value) {
        return exchange -> {
            exchange.getResponseHeaders().set(header, value);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    static Behaviour bytes(String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static void writeBundle(OutputStream out, long bytes) throws IOException {
        byte[] start = "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [".getBytes(StandardCharsets.UTF_8);
        byte[] entry = ("{\"resource\": {\"resourceType\": \"Observation\", \"status\": \"final\", \"code\": {\"text\": \""
                + "x".repeat(900) + "\"}}},").getBytes(StandardCharsets.UTF_8);
        out.write(start);
        for (long written = start.length; written + entry.length < bytes; written += entry.length) {
            out.write(entry);
        }
        out.write("{}]}".getBytes(StandardCharsets.UTF_8));
    }
}
