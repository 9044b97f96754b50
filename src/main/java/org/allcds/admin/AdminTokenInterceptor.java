package org.allcds.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.allcds.errors.UnauthenticatedException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code /admin/**} requires {@code Authorization: Bearer <allcds.admin.token>}. Both sides are hashed before a
 * constant-time compare, so neither the content nor the length of the token leaks through timing. A failure is a 401
 * OperationOutcome with {@code WWW-Authenticate: Bearer} (written by the one error advice).
 */
final class AdminTokenInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    AdminTokenInterceptor(String token) {
        this.expected = sha256(token);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException("admin: no bearer token");
        }
        if (!MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).trim()))) {
            throw new UnauthenticatedException("admin: wrong token");
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
