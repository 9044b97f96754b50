package org.allcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.allcds.engine.RuleSetHolder;
import org.allcds.metrics.AllCdsMetrics;
import org.springframework.web.servlet.HandlerMapping;

/**
 * How logs and metrics name a request: nothing a client typed comes out, only values from a fixed set. The method is
 * a standard one or {@code OTHER}; the route is the path template that matched or {@code (unmatched)}, never the raw
 * path or query; the service is an id the rule set declares, {@link AllCdsMetrics#NONE} for any other id in a service
 * path, null for a request that names no service.
 */
public final class RequestLabels {

    private static final String SERVICES = "/cds-services/";
    private static final String FEEDBACK = "/feedback";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private RequestLabels() {
    }

    public static String method(HttpServletRequest request) {
        return METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    }

    public static String route(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                ? pattern : "(unmatched)";
    }

    public static String service(HttpServletRequest request, RuleSetHolder ruleSets) {
        Object id = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                ? vars.get("serviceId") : pathSegment(request);
        if (id == null) {
            return null;
        }
        return id instanceof String s && ruleSets != null && ruleSets.current().services().find(s).isPresent()
                ? s : AllCdsMetrics.NONE;
    }

    /** {@code /cds-services/{id}} or {@code /cds-services/{id}/feedback} before a handler is chosen (or when none is). */
    private static String pathSegment(HttpServletRequest request) {
        String path = RequestPaths.mvcPath(request);
        if (!path.startsWith(SERVICES)) {
            return null;
        }
        String rest = path.substring(SERVICES.length());
        return rest.endsWith(FEEDBACK) ? rest.substring(0, rest.length() - FEEDBACK.length()) : rest;
    }
}
