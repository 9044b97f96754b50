package org.allcds.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Requires a valid client JWT on {@code POST /cds-services/{id}} and {@code POST /cds-services/{id}/feedback}
 * (registered on those paths only; discovery stays open). A CORS preflight carries no credentials, so OPTIONS
 * passes. It runs before the controller, so an unknown service id answers 401 to an unauthenticated caller and 404
 * only to an authenticated one: unauthenticated callers learn nothing about which services exist.
 */
final class CdsJwtInterceptor implements HandlerInterceptor {

    static final String CALLER_ATTRIBUTE = "org.allcds.caller";

    private final JwtVerifier verifier;

    CdsJwtInterceptor(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // A failure throws UnauthenticatedException; OperationOutcomeAdvice logs its reason and answers 401 with
        // WWW-Authenticate: Bearer and the generic body.
        request.setAttribute(CALLER_ATTRIBUTE, verifier.verify(request.getHeader(HttpHeaders.AUTHORIZATION), path));
        return true;
    }
}
