package org.allcds.web;

import java.io.IOException;
import java.util.List;
import org.allcds.errors.OperationOutcomeBody;
import org.allcds.errors.OperationOutcomeWriter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with the refusal as every other 4xx of the service (data contract §5): a 403 whose body is an
 * OperationOutcome saying what was not allowed, instead of the bare text "Invalid CORS request".
 */
final class OperationOutcomeCorsProcessor extends DefaultCorsProcessor {

    static final String ORIGIN_NOT_ALLOWED = "The request's Origin is not allowed to call this service (CORS); only the"
            + " origins the service is configured with may.";
    static final String PREFLIGHT_NOT_ALLOWED = "The CORS preflight asks for a method or header this service does not"
            + " allow: it allows GET, POST and OPTIONS with the headers Authorization, Content-Type and Accept.";

    @Override
    protected boolean handleInternal(ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config,
                                     boolean preFlight) throws IOException {
        // checked here first, because the superclass refuses every check with one and the same rejectRequest
        if (checkOrigin(config, request.getHeaders().getOrigin()) == null) {
            forbidden(response, ORIGIN_NOT_ALLOWED);
            return false;
        }
        return super.handleInternal(request, response, preFlight ? config : anyMethod(config), preFlight);
    }

    /**
     * An actual request from an allowed origin is answered as without one, only readable: a PUT gets the 405 naming
     * the allowed methods, not a 403 about a preflight that was never sent. The methods a preflight may ask for stay
     * GET, POST and OPTIONS.
     */
    private static CorsConfiguration anyMethod(CorsConfiguration config) {
        CorsConfiguration actual = new CorsConfiguration(config);
        actual.setAllowedMethods(List.of(CorsConfiguration.ALL));
        return actual;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        forbidden(response, PREFLIGHT_NOT_ALLOWED);
    }

    private static void forbidden(ServerHttpResponse response, String diagnostics) throws IOException {
        OperationOutcomeWriter.write(((ServletServerHttpResponse) response).getServletResponse(), 403,
                OperationOutcomeBody.of("forbidden", diagnostics, List.of()));
    }
}
