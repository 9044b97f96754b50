package org.allcds.prefetch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Outbound FHIR access for prefetch keys the client did not satisfy ({@code allcds.fhir.*}).
 *
 * @param allowedServers         base URL prefixes the service may call; empty means it calls no server at all
 * @param timeout                connect, pool and read timeout of one HTTP call
 * @param maxPages               pages read per key, the first included; further {@code next} links are not followed.
 *                               High enough that the byte budget binds first on a long course (years of blood counts
 *                               at 100 per page); it bounds a server that pages in tiny steps
 * @param requireHttps           a request whose {@code fhirServer} is not https is rejected (400)
 * @param maxParallelFetches     fetch threads (and connections) per FHIR server, so a slow server holds only its own
 * @param fetchDeadline          the longest one request may wait for all of its fetches together; then they are aborted
 * @param maxResponseBytes       the largest response body read per HTTP call, counted after decompression
 * @param maxDecompressionRatio  how many times a compressed response may expand
 * @param maxFetchedBytes        the most bytes (after decompression) one request may fetch, all its keys and pages
 *                               together
 * @param maxFetchedBytesInFlight the most bytes all requests together may hold fetched from the time they are read
 *                               until the request's turn to evaluate begins; a fetch that finds no room waits for
 *                               it, requests served in the order they began, and is refused at its fetch deadline
 */
@ConfigurationProperties("allcds.fhir")
public record FhirClientProperties(List<String> allowedServers,
                                   @DefaultValue("5s") Duration timeout,
                                   @DefaultValue("100") int maxPages,
                                   @DefaultValue("true") boolean requireHttps,
                                   @DefaultValue("4") int maxParallelFetches,
                                   @DefaultValue("10s") Duration fetchDeadline,
                                   @DefaultValue("5MB") DataSize maxResponseBytes,
                                   @DefaultValue("100") int maxDecompressionRatio,
                                   @DefaultValue("5MB") DataSize maxFetchedBytes,
                                   @DefaultValue("8MB") DataSize maxFetchedBytesInFlight) {

    static final DataSize DEFAULT_MAX_RESPONSE = DataSize.ofMegabytes(5);
    /** As {@code allcds.limits.max-body-bytes}: a request may fetch as much as it may send. */
    static final DataSize DEFAULT_MAX_FETCHED = DataSize.ofBytes(5_242_880);
    /**
     * Parsed FHIR data takes up to about 14 times its JSON size while it is parsed (6 to 7 times once parsed): 8 MB of
     * JSON is at most about 110 MB of a 256 MiB heap.
     */
    static final DataSize DEFAULT_MAX_FETCHED_IN_FLIGHT = DataSize.ofMegabytes(8);

    @ConstructorBinding
    public FhirClientProperties {
        allowedServers = allowedServers == null ? List.of() : List.copyOf(allowedServers);
        timeout = positive(timeout, Duration.ofSeconds(5), "timeout");
        fetchDeadline = positive(fetchDeadline, Duration.ofSeconds(10), "fetch-deadline");
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE : maxResponseBytes;
        maxFetchedBytes = maxFetchedBytes == null ? DEFAULT_MAX_FETCHED : maxFetchedBytes;
        maxFetchedBytesInFlight = maxFetchedBytesInFlight == null ? DEFAULT_MAX_FETCHED_IN_FLIGHT
                : maxFetchedBytesInFlight;
        atLeastOne(maxPages, "max-pages");
        atLeastOne(maxParallelFetches, "max-parallel-fetches");
        atLeastOne(maxResponseBytes.toBytes(), "max-response-bytes");
        atLeastOne(maxDecompressionRatio, "max-decompression-ratio");
        atLeastOne(maxFetchedBytes.toBytes(), "max-fetched-bytes");
        if (maxFetchedBytesInFlight.toBytes() < maxFetchedBytes.toBytes()) {
            throw new IllegalArgumentException(
                    "allcds.fhir.max-fetched-bytes-in-flight must be at least allcds.fhir.max-fetched-bytes");
        }
    }

    /** Names the one key that is wrong, so the failed start says what to fix. */
    private static void atLeastOne(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("allcds.fhir." + name + " must be at least 1");
        }
    }

    /** The limits of earlier versions: the given timeouts and pages, default response limits. */
    public FhirClientProperties(List<String> allowedServers, Duration timeout, int maxPages, boolean requireHttps,
                                int maxParallelFetches, Duration fetchDeadline) {
        this(allowedServers, timeout, maxPages, requireHttps, maxParallelFetches, fetchDeadline, null, 100);
    }

    /** The given limits per response, default limits per request and across requests. */
    public FhirClientProperties(List<String> allowedServers, Duration timeout, int maxPages, boolean requireHttps,
                                int maxParallelFetches, Duration fetchDeadline, DataSize maxResponseBytes,
                                int maxDecompressionRatio) {
        this(allowedServers, timeout, maxPages, requireHttps, maxParallelFetches, fetchDeadline, maxResponseBytes,
                maxDecompressionRatio, null, null);
    }

    /** The defaults with the given allowlist. */
    public static FhirClientProperties allowing(List<String> allowedServers) {
        return new FhirClientProperties(allowedServers, null, 10, true, 4, null);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("allcds.fhir." + name + " must be positive");
        }
        return value;
    }
}
