package org.allcds.prefetch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound FHIR access for prefetch keys the client did not satisfy ({@code allcds.fhir.*}).
 *
 * @param allowedServers     base URL prefixes the service may call; empty means it calls no server at all
 * @param timeout            connect, pool and read timeout of one HTTP call
 * @param maxPages           pages read per key, the first included; further {@code next} links are not followed
 * @param requireHttps       a request whose {@code fhirServer} is not https is rejected (400)
 * @param maxParallelFetches fetch threads shared by all requests
 * @param fetchDeadline      the longest one request may wait for all of its fetches together
 */
@ConfigurationProperties("allcds.fhir")
public record FhirClientProperties(List<String> allowedServers,
                                   @DefaultValue("5s") Duration timeout,
                                   @DefaultValue("10") int maxPages,
                                   @DefaultValue("true") boolean requireHttps,
                                   @DefaultValue("4") int maxParallelFetches,
                                   @DefaultValue("10s") Duration fetchDeadline) {

    public FhirClientProperties {
        allowedServers = allowedServers == null ? List.of() : List.copyOf(allowedServers);
        timeout = positive(timeout, Duration.ofSeconds(5), "timeout");
        fetchDeadline = positive(fetchDeadline, Duration.ofSeconds(10), "fetch-deadline");
        if (maxPages < 1 || maxParallelFetches < 1) {
            throw new IllegalArgumentException("allcds.fhir.max-pages and max-parallel-fetches must be at least 1");
        }
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
