package org.allcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.allcds.errors.LogText;
import org.allcds.errors.OperationOutcomeWriter;
import org.allcds.errors.UnauthenticatedException;
import org.allcds.web.RequestPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Requires a valid client JWT on every call under {@code /cds-services/} (a service, its feedback, or any other path
 * there); discovery ({@code GET /cds-services}) stays open, and a CORS preflight, which carries no credentials, passes.
 * A filter, not an MVC interceptor: it runs before Spring MVC matches the request, so an unauthenticated caller gets
 * 401 whatever the method, media type or service id, and learns nothing of which endpoints exist or what they accept.
 */
final class CdsJwtFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CdsJwtFilter.class);
    private static final String SERVICES = "/cds-services/";

    private final JwtVerifier verifier;

    CdsJwtFilter(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Skipped only when neither reading of the path is under {@code /cds-services/}: the container's (decoded and
     * normalised, which makes "/cds-services/%2e" "/cds-services/") and Spring MVC's (the raw path's segments,
     * each decoded, path parameters removed, which keeps "/cds-services/.." a service id of ".."). Discovery
     * ({@code /cds-services}) is under neither.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod())
                || !RequestPaths.containerPath(request).startsWith(SERVICES)
                && !RequestPaths.mvcPath(request).startsWith(SERVICES);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            verifier.verify(request.getHeader(HttpHeaders.AUTHORIZATION), RequestPaths.containerPath(request));
        } catch (UnauthenticatedException refused) {
            String mvcPath = RequestPaths.mvcPath(request);
            String route = route(mvcPath.startsWith(SERVICES) ? mvcPath : RequestPaths.containerPath(request));
            if (route != null) {
                // the request log names the route refused, as when Spring MVC matched it
                request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route);
            }
            // the body never says which check failed; the log does, without the token
            log.warn("{} {} -> 401: {}", request.getMethod(), route == null ? "(unmatched)" : route,
                    LogText.bounded(refused.logText()));
            OperationOutcomeWriter.write(response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The endpoint's route, never the service id a caller sent; null for a path that is no endpoint. */
    private static String route(String path) {
        String[] segments = path.substring(SERVICES.length()).split("/", -1);
        if (segments.length == 1) {
            return "/cds-services/{serviceId}";
        }
        return segments.length == 2 && segments[1].equals("feedback") ? "/cds-services/{serviceId}/feedback" : null;
    }
}
