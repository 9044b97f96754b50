package org.allcds.security;

import java.io.IOException;
import java.util.regex.Pattern;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.allcds.engine.RuleSetHolder;
import org.allcds.hooks.RandomUuids;
import org.allcds.web.RequestLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One INFO line per request: method, path template (never the raw path or query, which could carry patient ids),
 * service (a declared service id, "none" for any other id in a service path, "-" elsewhere: {@link RequestLabels}),
 * status, duration and the correlation id (the hookInstance once the controller has parsed the body; otherwise the
 * generated request id, which is always returned as {@code X-Correlation-Id}). No bodies, headers or tokens.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // outermost, so requests that CORS or the body limit end are logged too
class RequestLogFilter extends OncePerRequestFilter {

    static final String HOOK_INSTANCE_ATTRIBUTE = "org.allcds.hookInstance";
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    private final ObjectProvider<RuleSetHolder> ruleSets;
    private volatile RuleSetHolder resolved; // looked up once: a bean factory lookup per request showed in profiles

    RequestLogFilter(ObjectProvider<RuleSetHolder> ruleSets) {
        this.ruleSets = ruleSets;
    }

    private RuleSetHolder ruleSets() {
        RuleSetHolder holder = resolved;
        if (holder == null) {
            holder = ruleSets.getIfAvailable();
            resolved = holder;
        }
        return holder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        String requestId = RandomUuids.next();
        response.setHeader(CORRELATION_HEADER, requestId);
        int status = 500; // if the chain throws, the container answers 500
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            String method = RequestLabels.method(request);
            String template = RequestLabels.route(request);
            String named = RequestLabels.service(request, ruleSets());
            String service = named == null ? "-" : named;
            String correlation = safe(request.getAttribute(HOOK_INSTANCE_ATTRIBUTE), requestId);
            // The same fields as key-value pairs: with structured logging (logging.structured.format.console) each
            // becomes a JSON field of the line, so log tools need not parse the message.
            // Names chosen not to collide with the formats' own members (ECS has a service object).
            log.atInfo().addKeyValue("method", method).addKeyValue("route", template)
                    .addKeyValue("cdsService", service).addKeyValue("httpStatus", status).addKeyValue("durationMs", millis)
                    .addKeyValue("correlation", correlation).addKeyValue("requestId", requestId)
                    .log("{} {} service={} status={} {}ms correlation={} requestId={}", method, template,
                            service, status, millis, correlation, requestId);
        }
    }

    /** Client-supplied values are logged only if they look like ids, so nothing else (or a forged line) gets in. */
    private static String safe(Object value, String otherwise) {
        return value instanceof String text && SAFE_ID.matcher(text).matches() ? text : otherwise;
    }
}
