package org.allcds.prefetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.allcds.errors.InvalidCdsRequestException;
import org.springframework.stereotype.Component;

/**
 * The FHIR servers the service may call ({@code allcds.fhir.allowed-servers}), so that a request cannot point the
 * service, and the bearer token it carries, at an arbitrary host. A URL is allowed when its scheme, host and port equal
 * an entry's and its normalised path lies under the entry's path at a segment boundary; a path with a dot segment,
 * or a ';' (a path parameter, which could hide one), is never allowed. An empty list allows nothing.
 */
@Component
public final class FhirServerAllowlist {

    private final List<Origin> entries;
    private final boolean requireHttps;

    public FhirServerAllowlist(FhirClientProperties properties) {
        this.entries = properties.allowedServers().stream().map(FhirServerAllowlist::entry).toList();
        this.requireHttps = properties.requireHttps();
    }

    public boolean isAllowed(String url) {
        return parse(url).filter(target -> entries.stream().anyMatch(entry -> entry.contains(target))).isPresent();
    }

    /**
     * Rejects (400) a {@code fhirServer} that is not an absolute http(s) URL, that has a query or a fragment (prefetch
     * URLs are appended to it) or a ';' in its path, or that is not https while
     * {@code allcds.fhir.require-https} is on (CDS Hooks: "scheme MUST be https when production data is exchanged").
     * Whether the server is allowed is a separate question: an unlisted server only means nothing is fetched.
     */
    public void validateFhirServer(String fhirServer) {
        if (fhirServer == null) {
            return;
        }
        if (fhirServer.indexOf('?') >= 0 || fhirServer.indexOf('#') >= 0) {
            // Prefetch URLs are appended to it: "/ok?x=" + "/Patient/1" would send the path as a query value.
            throw new InvalidCdsRequestException("fhirServer must be a base URL without a query or a fragment.");
        }
        if (hasPathParameter(fhirServer)) {
            throw new InvalidCdsRequestException("fhirServer must not have a ';' (path parameter) in its path.");
        }
        if (hasDotSegment(pathOf(fhirServer))) {
            throw new InvalidCdsRequestException("fhirServer must not have a '.' or '..' segment in its path.");
        }
        Optional<Origin> parsed = parse(fhirServer);
        if (parsed.isEmpty()) {
            throw new InvalidCdsRequestException("fhirServer is not an absolute http or https URL without user info.");
        }
        if (requireHttps && !parsed.get().scheme().equals("https")) {
            throw new InvalidCdsRequestException("fhirServer must use https.");
        }
    }

    /** Whether {@code url} lies under {@code base} (same origin, path below at a segment boundary). */
    static boolean isUnder(String base, String url) {
        Optional<Origin> baseOrigin = parse(base);
        Optional<Origin> target = parse(url);
        return baseOrigin.isPresent() && target.isPresent() && baseOrigin.get().contains(target.get());
    }

    private static Origin entry(String configured) {
        return parse(configured).orElseThrow(() -> new IllegalArgumentException(
                "allcds.fhir.allowed-servers holds an entry that is not an absolute http(s) URL without user info"));
    }

    /** Scheme, host, explicit port and normalised path; empty for anything that is not a plain http(s) URL. */
    private static Optional<Origin> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI sent = new URI(url.trim());
            URI uri = sent.normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            // the URL is sent as written, so a dot segment that normalising removes would still reach the server
            if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || hasDotSegment(sent.getPath())
                    || hasPathParameter(uri.getRawPath())) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = stripTrailingSlash(uri.getRawPath() == null ? "" : uri.getRawPath());
            return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * A '.' or '..' segment, plain or percent-encoded: a server or proxy that routes on the path as sent reads
     * {@code /fhir-under/../admin} as {@code /admin}, which the allowlist would have checked as {@code /admin}'s
     * normalised form only, and the token would go with it.
     */
    private static boolean hasDotSegment(String decodedPath) {
        return decodedPath != null
                && List.of(decodedPath.split("/")).stream().anyMatch(segment -> segment.equals("..") || segment.equals("."));
    }

    /**
     * A ';' in the path, plain or percent-encoded (once or more): servers that drop path parameters (Tomcat, Jetty)
     * read {@code /fhir/..;/admin} as {@code /fhir/../admin}, which the normalising above does not see as a dot segment.
     */
    private static boolean hasPathParameter(String rawPath) {
        return rawPath != null && (rawPath.indexOf(';') >= 0 || rawPath.toLowerCase(Locale.ROOT).matches(".*%(25)*3b.*"));
    }

    private static String pathOf(String url) {
        try {
            return new URI(url.trim()).getPath();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private record Origin(String scheme, String host, int port, String path) {
        boolean contains(Origin target) {
            return scheme.equals(target.scheme) && host.equals(target.host) && port == target.port
                    && (target.path.equals(path) || target.path.startsWith(path + "/"));
        }
    }
}
