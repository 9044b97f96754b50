package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.SimpleRequestHeaderInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allcds.errors.PrefetchUnavailableException;
import org.apache.http.impl.client.HttpClientBuilder;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads what the client did not prefetch from its FHIR server with HAPI's generic client, one client per call. Every
 * failure becomes a 412 naming the prefetch key; its diagnostics never carry the URL (it holds the patient id), the
 * token or the response body.
 */
@Component
final class FhirFetcher {

    private static final Logger log = LoggerFactory.getLogger(FhirFetcher.class);
    private static final SimpleRequestHeaderInterceptor NO_CACHE =
            new SimpleRequestHeaderInterceptor("Cache-Control", "no-cache");

    private final FhirContext clientContext;
    private final FhirServerAllowlist allowlist;
    private final int maxPages;

    FhirFetcher(FhirContext fhirContext, FhirClientProperties properties, FhirServerAllowlist allowlist) {
        // HAPI builds every HTTP request through FhirContext#getRestfulClientFactory(), not through the factory that
        // made the client, so timeouts and the no-redirect rule hold only on a context that owns our factory. The
        // shared context is a JVM-wide cached instance that must stay unmodified: configure a private one, once.
        this.clientContext = FhirContext.forVersion(fhirContext.getVersion().getVersion());
        this.clientContext.setParserErrorHandler(new LenientErrorHandler(false));
        this.clientContext.setRestfulClientFactory(clientFactory(clientContext, properties));
        this.allowlist = allowlist;
        this.maxPages = properties.maxPages();
    }

    /** Where one request's fetches go; the token is the request's {@code fhirAuthorization.access_token}, or null. */
    record Target(String fhirServer, String accessToken) {
        @Override
        public String toString() {
            return "Target[fhirServer=" + fhirServer + ", token=" + (accessToken == null ? "none" : "present") + "]";
        }
    }

    /** GETs {@code {fhirServer}/{relativeUrl}}; a Bundle's next pages are read too. Returns the patient resources. */
    List<Resource> fetch(String key, Target target, String relativeUrl) {
        String url = stripTrailingSlash(target.fhirServer()) + "/" + relativeUrl;
        if (!allowlist.isAllowed(url)) {
            throw unavailable(key, "its URL lies outside the allowed FHIR servers");
        }
        Resource resource = get(key, client(target, url), expectedType(relativeUrl), url);
        if (resource instanceof OperationOutcome) {
            throw unavailable(key, "the FHIR server returned an OperationOutcome");
        }
        return resource instanceof Bundle bundle ? withNextPages(key, target, bundle) : List.of(resource);
    }

    /**
     * A Bundle's resources followed by those of all its next pages. A page that may not be read (off the allowlist,
     * the token's server, or past {@code allcds.fhir.max-pages}) makes the key unavailable: a partial list could hide
     * a relapse or a result and change the classification, so it is a 412, never a silent guess.
     */
    List<Resource> withNextPages(String key, Target target, Bundle first) {
        List<Resource> resources = new ArrayList<>(Bundles.resources(first));
        Bundle page = first;
        IGenericClient client = null;
        for (int pages = 1; ; pages++) {
            Optional<String> next = Bundles.nextLink(page);
            if (next.isEmpty()) {
                return resources;
            }
            if (!mayFollow(target, next.get())) {
                throw new PrefetchUnavailableException(key, "Prefetch key '" + key + "' has a next page outside the"
                        + " allowed FHIR servers; the complete result cannot be read.");
            }
            if (pages >= maxPages) {
                throw new PrefetchUnavailableException(key, "Prefetch key '" + key + "' has more than " + maxPages
                        + " pages (allcds.fhir.max-pages); the complete result cannot be read.");
            }
            client = client == null ? client(target, next.get()) : client;
            page = get(key, client, Bundle.class, next.get());
            resources.addAll(Bundles.resources(page));
        }
    }

    /** The token goes only to the request's own fhirServer, even when another allowed server is named. */
    private boolean mayFollow(Target target, String next) {
        return allowlist.isAllowed(next) && (target.accessToken() == null
                || target.fhirServer() != null && FhirServerAllowlist.isUnder(target.fhirServer(), next));
    }

    private IGenericClient client(Target target, String url) {
        String base = target.fhirServer() != null ? target.fhirServer() : url;
        IGenericClient client = clientContext.getRestfulClientFactory().newGenericClient(base);
        // Data contract D6: a server such as HAPI reuses a cached search for a while unless asked not to.
        client.registerInterceptor(NO_CACHE);
        if (target.accessToken() != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(target.accessToken()));
        }
        return client;
    }

    private <T extends Resource> T get(String key, IGenericClient client, Class<T> type, String url) {
        try {
            return client.fetchResourceFromUrl(type, url);
        } catch (RuntimeException e) {
            PrefetchUnavailableException failure = unavailable(key, reason(e));
            log.warn("{} ({})", failure.diagnostics(), e.getClass().getSimpleName());
            throw failure;
        }
    }

    /** A read ({@code Type/id}, optionally {@code /_history/v}) returns that type; anything else a Bundle. */
    @SuppressWarnings("unchecked")
    private Class<? extends Resource> expectedType(String relativeUrl) {
        String[] segments = relativeUrl.split("[?#]", 2)[0].split("/");
        boolean read = segments.length == 2 || segments.length == 4 && segments[2].equals("_history");
        if (read && !segments[1].startsWith("$") && !segments[1].startsWith("_")) {
            try {
                return (Class<? extends Resource>) clientContext.getResourceDefinition(segments[0]).getImplementingClass();
            } catch (DataFormatException unknownType) {
                return Bundle.class;
            }
        }
        return Bundle.class;
    }

    private static String reason(RuntimeException e) {
        if (e instanceof FhirClientConnectionException) {
            return hasCause(e, InterruptedIOException.class) ? "the FHIR server timed out"
                    : hasCause(e, DataFormatException.class) ? "the FHIR server's response could not be parsed"
                    : "the FHIR server was unreachable";
        }
        if (e instanceof NonFhirResponseException) {
            return "the FHIR server's response was not FHIR";
        }
        if (e instanceof BaseServerResponseException response) {
            int status = response.getStatusCode();
            return status >= 300 && status < 400
                    ? "the FHIR server answered with a redirect (HTTP " + status + "), which is not followed"
                    : "the FHIR server answered HTTP " + status;
        }
        return e instanceof DataFormatException ? "the FHIR server's response could not be parsed"
                : "the FHIR server could not be called";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static PrefetchUnavailableException unavailable(String key, String reason) {
        return new PrefetchUnavailableException(key, "Prefetch key '" + key + "' could not be fetched: " + reason + ".");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static ApacheRestfulClientFactory clientFactory(FhirContext context, FhirClientProperties properties) {
        ApacheRestfulClientFactory factory = new NoRedirectClientFactory(context);
        int millis = Math.toIntExact(properties.timeout().toMillis());
        factory.setConnectTimeout(millis);
        factory.setSocketTimeout(millis);
        factory.setConnectionRequestTimeout(millis);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        return factory;
    }

    /** A redirect could lead off the allowlist (with the token attached), so 3xx is returned, and then fails. */
    private static final class NoRedirectClientFactory extends ApacheRestfulClientFactory {
        NoRedirectClientFactory(FhirContext context) {
            super(context);
        }

        @Override
        protected HttpClientBuilder getHttpClientBuilder() {
            return super.getHttpClientBuilder().disableRedirectHandling();
        }
    }
}
