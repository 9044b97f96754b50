package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.allcds.errors.PrefetchUnavailableException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHeaders;
import org.apache.http.MessageConstraintException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.config.MessageConstraints;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the client did not prefetch from its FHIR server over plain HTTP GETs, under limits: a timeout per call,
 * a body size counted after decompression and a decompression ratio ({@link BoundedBody}), no redirects, and an
 * {@link Exchanges} handle through which the request's deadline aborts every call still open, which frees its
 * connection at once. The body is parsed once, with big decimals, into HAPI's model ({@link FhirJson}). Every failure
 * becomes a 412 naming the prefetch key; its diagnostics never carry the URL (it holds the patient id), the token or
 * the response body.
 */
@Component
final class FhirFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FhirFetcher.class);
    private static final int MAX_JSON_DEPTH = 100;
    /**
     * HttpClient reads a response's status line and headers without any limit by default: one endless header line, or
     * endless header lines, from a hostile server filled the heap. A FHIR server's headers fit in far less.
     */
    static final int MAX_HEADER_LINE = 8 * 1024;
    static final int MAX_HEADER_COUNT = 100;
    private static final MessageConstraints HEADER_LIMITS = MessageConstraints.custom().setMaxLineLength(MAX_HEADER_LINE)
            .setMaxHeaderCount(MAX_HEADER_COUNT).build();

    private final FhirServerAllowlist allowlist;
    private final FhirJson fhirJson;
    private final JsonMapper json;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final int maxPages;
    private final long maxBytes;
    private final int maxRatio;
    private final FetchBudget budget;

    FhirFetcher(FhirContext fhirContext, FhirClientProperties properties, FhirServerAllowlist allowlist) {
        this.allowlist = allowlist;
        this.fhirJson = new FhirJson(fhirContext);
        this.json = fhirJsonMapper();
        this.maxPages = properties.maxPages();
        this.maxBytes = properties.maxResponseBytes().toBytes();
        this.maxRatio = properties.maxDecompressionRatio();
        this.budget = new FetchBudget(properties.maxFetchedBytes().toBytes(),
                properties.maxFetchedBytesInFlight().toBytes());
        this.connections = new PoolingHttpClientConnectionManager();
        // one route per server; the fetch pools never run more than this many calls to one server at once
        connections.setDefaultMaxPerRoute(properties.maxParallelFetches());
        connections.setMaxTotal(properties.maxParallelFetches() * (properties.allowedServers().size() + 1));
        connections.setValidateAfterInactivity(1000);
        connections.setDefaultConnectionConfig(ConnectionConfig.custom().setMessageConstraints(HEADER_LIMITS).build());
        this.http = client(properties, connections);
    }

    /** Where one request's fetches go; the token is the request's {@code fhirAuthorization.access_token}, or null. */
    record Target(String fhirServer, String accessToken) {
        @Override
        public String toString() {
            return "Target[fhirServer=" + fhirServer + ", token=" + (accessToken == null ? "none" : "present") + "]";
        }
    }

    /**
     * The HTTP calls of one CDS request, charging what they read to a new share of the fetch budget; none waits for room
     * in it past {@code deadlineNanos} ({@link System#nanoTime()}).
     */
    Exchanges exchanges(long deadlineNanos) {
        return new Exchanges(budget.newCall(deadlineNanos));
    }

    /** Bytes of fetched data that requests hold at this moment ({@link FetchBudget}). */
    long bytesHeld() {
        return budget.held();
    }

    /**
     * The HTTP calls one CDS request has open. Closing it (at the request's deadline, or when the request ends for any
     * reason) aborts them all: the blocked reads fail at once and their connections leave the pool for good. It also
     * hands the request's share of the fetch budget back.
     */
    static final class Exchanges implements AutoCloseable {
        /** Why calls still open were aborted, completing "could not be fetched: …". */
        static final String DEADLINE = "the fetch deadline passed";
        static final String ENDED = "the request stopped waiting for its fetches";
        /** A call that got no answer in time, or a request whose fetches did not end by its deadline. */
        static final String TIMED_OUT = "the FHIR server timed out";

        private final Set<HttpGet> open = ConcurrentHashMap.newKeySet();
        private final FetchBudget.Call budget;
        private volatile String closedBecause;
        private volatile boolean closed;

        private Exchanges(FetchBudget.Call budget) {
            this.budget = budget;
        }

        private void opened(HttpGet request) {
            open.add(request);
            if (closed) {
                request.abort();
            }
        }

        private void finished(HttpGet request) {
            open.remove(request);
        }

        /** Why the calls were aborted; null while they may run. */
        String closedBecause() {
            return closed ? closedBecause : null;
        }

        /** Why the request's fetches were not done by its deadline: no room in the fetch budget, or a slow server. */
        String lateBecause() {
            String noRoom = budget.noRoomReason();
            return noRoom != null ? noRoom : TIMED_OUT;
        }

        /** True when a fetch of the request waited for room in the fetch budget. */
        boolean waitedForRoom() {
            return budget.noRoomReason() != null;
        }

        /** Aborts the calls still open, for {@code reason} (the first reason given stands). */
        void close(String reason) {
            synchronized (this) {
                if (closedBecause == null) {
                    closedBecause = reason;
                }
            }
            abortAll();
        }

        @Override
        public void close() {
            close(ENDED);
        }

        private void abortAll() {
            closed = true;
            open.forEach(HttpGet::abort);
            open.clear();
            budget.release();
        }
    }

    /**
     * GETs {@code {fhirServer}/{relativeUrl}}; a Bundle's next pages are read too. Returns the patient resources. A
     * read must be answered by the resource of that type and id, a search by a Bundle.
     */
    List<Resource> fetch(String key, Target target, String relativeUrl, Exchanges exchanges) {
        String url = url(target, relativeUrl);
        if (!allowlist.isAllowed(url)) {
            throw refused(key, "its URL lies outside the allowed FHIR servers");
        }
        Resource resource = get(key, target, url, exchanges);
        if (resource instanceof OperationOutcome) {
            throw refused(key, "the FHIR server returned an OperationOutcome");
        }
        Optional<Read> read = Read.of(relativeUrl);
        if (read.isPresent() ? !read.get().isAnsweredBy(resource) : !(resource instanceof Bundle)) {
            throw refused(key, "the FHIR server's response was not the resource asked for");
        }
        if (!(resource instanceof Bundle bundle)) {
            return List.of(resource);
        }
        Optional<String> searched = PrefetchTemplate.searchedType(relativeUrl);
        ofSearchedType(key, Bundles.resources(bundle), searched);
        return withNextPages(key, target, bundle, searched, exchanges);
    }

    /**
     * A search's matches must be of the type searched for: a Condition search answered with Observations is not a
     * list of conditions (an empty one, once the Observations were set aside), so it is a 412, never a guess.
     * OperationOutcomes and included entries were left out before ({@link Bundles#resources}).
     */
    private static void ofSearchedType(String key, List<Resource> matches, Optional<String> searched) {
        if (searched.flatMap(type -> Bundles.firstNotOf(type, matches)).isPresent()) {
            throw refused(key, "the FHIR server answered its " + searched.get()
                    + " search with resources of another type");
        }
    }

    /** A read ({@code Type/id}, optionally {@code /_history/v}): only that resource answers it, never a Bundle. */
    record Read(String type, String id) {

        /** Compiled once: {@code String.split} compiles a pattern of more than one character on every call. */
        private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#]");

        /** The read a relative URL names; empty for a search or an operation. */
        static Optional<Read> of(String relativeUrl) {
            String[] segments = QUERY_OR_FRAGMENT.split(relativeUrl, 2)[0].split("/");
            boolean read = segments.length == 2 || segments.length == 4 && segments[2].equals("_history");
            if (!read || segments[1].startsWith("$") || segments[1].startsWith("_") || segments[1].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Read(segments[0], URLDecoder.decode(segments[1].replace("+", "%2B"),
                    StandardCharsets.UTF_8)));
        }

        boolean isAnsweredBy(Resource resource) {
            return resource.fhirType().equals(type) && id.equals(resource.getIdElement().getIdPart());
        }
    }

    static String url(Target target, String relativeUrl) {
        return stripTrailingSlash(target.fhirServer()) + "/" + relativeUrl;
    }

    /**
     * A Bundle's resources followed by those of all its next pages. A page that may not be read (off the allowlist,
     * the token's server, a link seen before, or past {@code allcds.fhir.max-pages}) makes the key unavailable: a
     * partial list could hide a relapse or a result and change the classification, so it is a 412, never a guess; so is
     * a page in which the server reports an error, or a page read with resources of a type other than {@code searched}.
     */
    List<Resource> withNextPages(String key, Target target, Bundle first, Optional<String> searched,
                                 Exchanges exchanges) {
        List<Resource> resources = new ArrayList<>(complete(key, first));
        Set<String> seen = new HashSet<>();
        Bundle page = first;
        for (int pages = 1; ; pages++) {
            Optional<String> next = Bundles.nextLink(page);
            if (next.isEmpty() && Bundles.fewerThanTotal(first, resources.size())) {
                throw logged(new PrefetchUnavailableException(key, "Prefetch key '" + key + "' holds "
                        + resources.size() + " of the " + first.getTotal() + " matches its Bundle's total reports, and"
                        + " no next page; the complete result cannot be read."));
            }
            if (next.isEmpty()) {
                return resources;
            }
            if (!mayFollow(target, next.get())) {
                throw nextPageOutsideAllowlist(key);
            }
            if (!seen.add(next.get())) {
                throw logged(new PrefetchUnavailableException(key, "Prefetch key '" + key + "' has next links that"
                        + " loop; the complete result cannot be read."));
            }
            if (pages >= maxPages) {
                throw logged(new PrefetchUnavailableException(key, "Prefetch key '" + key + "' has more than "
                        + maxPages + " pages (allcds.fhir.max-pages); the complete result cannot be read."));
            }
            if (!(get(key, target, next.get(), exchanges) instanceof Bundle nextPage)) {
                throw refused(key, "a next page was not a Bundle");
            }
            page = nextPage;
            List<Resource> matches = complete(key, page);
            ofSearchedType(key, matches, searched);
            resources.addAll(matches);
        }
    }

    /**
     * A page's resources, unless the server reported an error in it (a 200 with an error OperationOutcome entry): the
     * result is then incomplete, and a partial list is never used. The server's own text is not passed on (it may
     * quote the patient's data); the issue's code is.
     */
    private static List<Resource> complete(String key, Bundle page) {
        Optional<OperationOutcome.OperationOutcomeIssueComponent> error = Bundles.errorIssue(page);
        if (error.isPresent()) {
            OperationOutcome.IssueType code = error.get().getCode();
            throw refused(key, "the FHIR server reported an error in its answer (an OperationOutcome"
                    + (code == null || code == OperationOutcome.IssueType.NULL ? "" : " with issue code " + code.toCode())
                    + ")");
        }
        return Bundles.resources(page);
    }

    static PrefetchUnavailableException nextPageOutsideAllowlist(String key) {
        return logged(new PrefetchUnavailableException(key, "Prefetch key '" + key + "' has a next page outside the"
                + " allowed FHIR servers; the complete result cannot be read."));
    }

    /** The token goes only to the request's own fhirServer, even when another allowed server is named. */
    boolean mayFollow(Target target, String next) {
        return allowlist.isAllowed(next) && (target.accessToken() == null
                || target.fhirServer() != null && FhirServerAllowlist.isUnder(target.fhirServer(), next));
    }

    private Resource get(String key, Target target, String url, Exchanges exchanges) {
        HttpGet request;
        try {
            request = new HttpGet(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw refused(key, "its URL is not valid");
        }
        request.setHeader(HttpHeaders.ACCEPT, "application/fhir+json, application/json;q=0.9");
        request.setHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
        // Data contract D6: a server such as HAPI reuses a cached search for a while unless asked not to.
        request.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (target.accessToken() != null) {
            request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + target.accessToken());
        }
        exchanges.opened(request);
        try (CloseableHttpResponse response = http.execute(request)) {
            return read(response, exchanges.budget, request::abort);
        } catch (IOException | RuntimeException e) {
            throw failed(key, e, exchanges);
        } finally {
            exchanges.finished(request);
        }
    }

    /**
     * Closing the response (try-with-resources above) before its body is opened drops the connection; a body opened
     * and not read to its end aborts the exchange when closed ({@link BoundedBody}), rather than draining it.
     */
    private Resource read(CloseableHttpResponse response, FetchBudget.Call share, Runnable abort) throws IOException {
        int status = response.getStatusLine().getStatusCode();
        if (status < 200 || status >= 300) {
            throw new Refused(status >= 300 && status < 400
                    ? "the FHIR server answered with a redirect (HTTP " + status + "), which is not followed"
                    : "the FHIR server answered HTTP " + status);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new Refused("the FHIR server's response could not be parsed");
        }
        if (!isJson(entity)) {
            throw new Refused("the FHIR server's response was not FHIR");
        }
        if (entity.getContentEncoding() == null && entity.getContentLength() > maxBytes) {
            throw new BoundedBody.Exceeded("the FHIR server's response is larger than " + maxBytes
                    + " bytes (allcds.fhir.max-response-bytes)");
        }
        JsonNode tree;
        try (InputStream body = BoundedBody.open(entity, new BoundedBody.Limits(maxBytes, maxRatio, share, abort))) {
            tree = json.readTree(body);
        }
        try {
            return fhirJson.parse(tree);
        } catch (DataFormatException e) {
            throw new Refused("the FHIR server's response was not FHIR");
        }
    }

    private static boolean isJson(HttpEntity entity) {
        if (entity.getContentType() == null) {
            return true;
        }
        try {
            String mime = ContentType.parse(entity.getContentType().getValue()).getMimeType().toLowerCase(Locale.ROOT);
            return mime.equals("application/json") || mime.endsWith("+json") || mime.equals("application/json+fhir");
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    /** A response the service will not use; the message is the reason. */
    private static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The 412 for a call that failed, logged as what happened: a call the request itself aborted (its deadline passed,
     * or another of its keys failed first) says so at INFO, since the refusal that aborted it logs its own line (the
     * resolver's, for the deadline, with the reason it gives: a slow server or no room in the fetch budget); any other
     * failure is a WARN naming the reason and the class of the exception that decided it. Never the URL, the token or
     * the body.
     */
    private static PrefetchUnavailableException failed(String key, Exception e, Exchanges exchanges) {
        String aborted = exchanges.closedBecause();
        if (aborted != null) {
            log.info("Prefetch key '{}' was not fetched: its call was cancelled because {}.", key, aborted);
            return unavailable(key, aborted);
        }
        Throwable cause = decidingCause(e);
        PrefetchUnavailableException failure = unavailable(key, reason(cause));
        log.warn("{} ({})", failure.diagnostics(), cause.getClass().getSimpleName());
        return failure;
    }

    /** The exception in {@code e}'s causes that says what went wrong; {@code e} itself when none does. */
    private static Throwable decidingCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refused || cause instanceof BoundedBody.Exceeded || cause instanceof MessageConstraintException
                    || cause instanceof InterruptedIOException
                    || cause instanceof java.net.ConnectException || cause instanceof UnknownHostException) {
                return cause;
            }
        }
        return e;
    }

    private static String reason(Throwable cause) {
        if (cause instanceof Refused || cause instanceof BoundedBody.Exceeded) {
            return cause.getMessage();
        }
        if (cause instanceof MessageConstraintException) {
            return "the FHIR server's response headers are longer than " + MAX_HEADER_LINE + " bytes a line or more than "
                    + MAX_HEADER_COUNT + " headers";
        }
        if (cause instanceof InterruptedIOException && !(cause instanceof ConnectTimeoutException)) {
            return Exchanges.TIMED_OUT;
        }
        if (cause instanceof InterruptedIOException || cause instanceof java.net.ConnectException
                || cause instanceof UnknownHostException) {
            return "the FHIR server was unreachable";
        }
        return cause instanceof JacksonException ? "the FHIR server's response could not be parsed"
                : "the FHIR server could not be called";
    }

    private static PrefetchUnavailableException unavailable(String key, String reason) {
        return new PrefetchUnavailableException(key, "Prefetch key '" + key + "' could not be fetched: " + reason + ".");
    }

    /**
     * A fetch refused for {@code reason} without a failed call ({@link #failed} logs those): logged as one WARN line
     * with the reason, so that the log says which refusal the 412 was, not only that there was one.
     */
    static PrefetchUnavailableException refused(String key, String reason) {
        return logged(unavailable(key, reason));
    }

    private static PrefetchUnavailableException logged(PrefetchUnavailableException refusal) {
        log.warn("{}", refusal.diagnostics());
        return refusal;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * FHIR JSON as sent: decimals as BigDecimal (digit for digit), nesting bounded, and a key given twice in one object
     * refused, as in a request body: which of two birth dates counts is not the reader's to choose.
     */
    static JsonMapper fhirJsonMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    private static CloseableHttpClient client(FhirClientProperties properties,
                                              PoolingHttpClientConnectionManager connections) {
        int millis = Math.toIntExact(properties.timeout().toMillis());
        RequestConfig config = RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
                .setConnectionRequestTimeout(millis).setRedirectsEnabled(false).build();
        // A redirect could lead off the allowlist (with the token attached), so 3xx is returned, and then fails.
        // Decompression is ours (BoundedBody), so that the decompressed size and ratio can be bounded.
        return HttpClientBuilder.create().useSystemProperties().setConnectionManager(connections)
                .setDefaultRequestConfig(config).disableRedirectHandling().disableContentCompression()
                .disableCookieManagement().disableAutomaticRetries().setUserAgent("ALL-CDS").build();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
