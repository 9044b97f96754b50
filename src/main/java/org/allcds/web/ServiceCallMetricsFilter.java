package org.allcds.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.allcds.engine.RuleSetHolder;
import org.allcds.metrics.AllCdsMetrics;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times each service call ({@code POST /cds-services/{id}}, not feedback) by service and status, whatever ends it
 * (body limit, JWT, validation, success). The service tag is a declared service id or "none" ({@link RequestLabels}),
 * a refused token included: a path segment a client made up never becomes a label. The warm-up's calls are not counted.
 */
final class ServiceCallMetricsFilter extends OncePerRequestFilter {

    private final AllCdsMetrics metrics;
    private final RuleSetHolder ruleSets;
    private final WarmUpMark warmUpMark;

    ServiceCallMetricsFilter(AllCdsMetrics metrics, RuleSetHolder ruleSets, WarmUpMark warmUpMark) {
        this.metrics = metrics;
        this.ruleSets = ruleSets;
        this.warmUpMark = warmUpMark;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the path as Spring MVC matches it: "/%63ds-services/ped-all-risk" is a call to that service too
        String path = RequestPaths.mvcPath(request);
        return !"POST".equals(request.getMethod()) || !path.startsWith("/cds-services/") || path.endsWith("/feedback")
                || warmUpMark.isWarmUp(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            String service = RequestLabels.service(request, ruleSets);
            metrics.serviceCall(service == null ? AllCdsMetrics.NONE : service, status,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
