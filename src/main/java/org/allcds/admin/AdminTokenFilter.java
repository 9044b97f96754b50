package org.allcds.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.allcds.errors.OperationOutcomeWriter;
import org.allcds.errors.UnauthenticatedException;
import org.allcds.web.RequestPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /admin/**} requires {@code Authorization: Bearer <allcds.admin.token>}. Both sides are hashed before a
 * constant-time compare, so neither the content nor the length of the token leaks through timing. A failure is a 401
 * OperationOutcome with {@code WWW-Authenticate: Bearer}. A servlet filter, in front of Spring MVC: an unauthenticated
 * call gets 401 whatever its method or media type, never the 405 or 415 that would tell which endpoints exist.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    AdminTokenFilter(String token) {
        this.expected = sha256(token);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.isUnder(request, "/admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            check(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (UnauthenticatedException refused) {
            log.warn("{} /admin -> 401: {}", request.getMethod(), refused.logText());
            OperationOutcomeWriter.write(response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    private void check(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException("admin: no bearer token");
        }
        if (!MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).trim()))) {
            throw new UnauthenticatedException("admin: wrong token");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
