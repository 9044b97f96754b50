package org.allcds.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.allcds.errors.UnauthenticatedException;
import org.allcds.metrics.JwtRefusal;

/**
 * Verifies the CDS client's JWT (CDS Hooks 2.0 §Trusting CDS Clients; conformance §5.3). Nimbus does the
 * cryptography and key selection; the CDS Hooks rules ({@code typ}, {@code kid}, issuer allowlist, {@code jku},
 * exact {@code aud}, time claims, {@code jti} replay) are written out here. Every failure is an
 * {@link UnauthenticatedException} whose reason names the check for the log; the token itself is never in it.
 */
final class JwtVerifier {

    /** Who called. A refusal's reason may name a configured {@code iss}; never the {@code jti} or the token. */
    record Caller(String iss, String jti) {
    }

    private record TrustedIssuer(SecurityProperties.Issuer config, DefaultJWTProcessor<SecurityContext> processor) {
    }

    private static final String BEARER = "bearer ";
    /** The algorithms JOSE defines for signing: a refusal names one of these, never a name the token made up. */
    private static final Set<JWSAlgorithm> STANDARD_ALGORITHMS = Set.copyOf(
            Stream.concat(JWSAlgorithm.Family.SIGNATURE.stream(), JWSAlgorithm.Family.HMAC_SHA.stream()).toList());

    private final SecurityProperties properties;
    private final Set<JWSAlgorithm> algorithms;
    private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
    private final ReplayStore replayStore;
    private final Clock clock;
    private final Consumer<JwtRefusal> refusals;

    /** With the replay cache in memory (one instance only) and no metrics. */
    JwtVerifier(SecurityProperties properties, Map<String, ? extends JWKSource<SecurityContext>> keys, Clock clock) {
        this(properties, keys, clock, new ReplayCache(properties.replayCacheSize()), refusal -> { });
    }

    /**
     * @param keys        each configured issuer's key source, by {@code iss}
     * @param replayStore where the {@code jti}s seen are kept
     * @param refusals    told the category of every refusal
     */
    JwtVerifier(SecurityProperties properties, Map<String, ? extends JWKSource<SecurityContext>> keys, Clock clock,
                ReplayStore replayStore, Consumer<JwtRefusal> refusals) {
        this.properties = properties;
        this.algorithms = properties.algorithms();
        this.replayStore = replayStore;
        this.clock = clock;
        this.refusals = refusals;
        for (SecurityProperties.Issuer issuer : properties.issuers()) {
            issuers.put(issuer.iss(), new TrustedIssuer(issuer, processor(keys.get(issuer.iss()))));
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the claims are checked in verifyClaims
        return processor;
    }

    /**
     * @param authorization the {@code Authorization} header, possibly null
     * @param path          the request path; the expected {@code aud} is the public base URL plus this
     */
    Caller verify(String authorization, String path) {
        SignedJWT jwt = signedJwt(bearerToken(authorization));
        checkHeader(jwt.getHeader());
        TrustedIssuer issuer = trustedIssuer(jwt);
        if (!issuer.config().allowsJku(jwt.getHeader().getJWKURL())) {
            // Refused without contacting it: fetching a token-supplied URL is SSRF and key substitution.
            throw reject(JwtRefusal.UNTRUSTED_ISSUER, "jku is not the JWKS URL configured for issuer " + issuer.config().iss());
        }
        JWTClaimsSet claims = verifySignature(issuer, jwt);
        return verifyClaims(claims, properties.audienceFor(path));
    }

    private String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw reject(JwtRefusal.MISSING, "no Authorization header");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw reject(JwtRefusal.MISSING, "Authorization is not a Bearer token");
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private SignedJWT signedJwt(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw reject(JwtRefusal.MALFORMED, "bearer token is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw reject(JwtRefusal.MALFORMED, "JWT is not signed (alg none) or is encrypted");
        }
        return signed;
    }

    private void checkHeader(JWSHeader header) {
        // Exactly "JWT": at+jwt (an OAuth access token) or an absent typ is some other kind of token.
        if (header.getType() == null || !"JWT".equals(header.getType().getType())) {
            throw reject(JwtRefusal.MALFORMED, "typ is not JWT");
        }
        if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
            throw reject(JwtRefusal.MALFORMED, "kid missing");
        }
        if (!algorithms.contains(header.getAlgorithm())) {
            // a token can name any algorithm: the log names it only when it is one JOSE defines (HS256, ES256, …)
            String alg = STANDARD_ALGORITHMS.contains(header.getAlgorithm()) ? " " + header.getAlgorithm() : "";
            throw reject(JwtRefusal.MALFORMED, "alg" + alg + " is not allowed");
        }
    }

    /** Reads the unverified iss only to choose whose keys to verify with. */
    private TrustedIssuer trustedIssuer(SignedJWT jwt) {
        String iss;
        try {
            iss = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw reject(JwtRefusal.MALFORMED, "JWT payload is not a claims set");
        }
        if (iss == null) {
            throw reject(JwtRefusal.MALFORMED, "iss missing");
        }
        TrustedIssuer issuer = issuers.get(iss);
        if (issuer == null) {
            // not the iss itself: the client wrote it, and it may be anything
            throw reject(JwtRefusal.UNTRUSTED_ISSUER, "iss is not a trusted issuer");
        }
        return issuer;
    }

    private JWTClaimsSet verifySignature(TrustedIssuer issuer, SignedJWT jwt) {
        try {
            return issuer.processor().process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            // Nimbus messages name the failed step (no key for kid, bad signature), never the token.
            throw reject(JwtRefusal.SIGNATURE, "issuer " + issuer.config().iss() + ": " + e.getMessage());
        }
    }

    private Caller verifyClaims(JWTClaimsSet claims, String expectedAudience) {
        String iss = claims.getIssuer();
        List<String> audience = claims.getAudience();
        if (audience.isEmpty()) {
            throw reject(JwtRefusal.AUDIENCE, "aud missing (iss " + iss + ")");
        }
        if (!audience.contains(expectedAudience)) {
            // Not the expected value itself: it is built from the request's path, which the client chose
            throw reject(JwtRefusal.AUDIENCE, "aud does not contain this service's URL (iss " + iss + ")");
        }
        Instant now = clock.instant();
        Duration skew = properties.clockSkew();
        Instant exp = instant(claims.getExpirationTime(), "exp", iss);
        Instant iat = instant(claims.getIssueTime(), "iat", iss);
        if (exp.plus(skew).isBefore(now)) {
            throw reject(JwtRefusal.TIME, "expired (iss " + iss + ")");
        }
        if (iat.minus(skew).isAfter(now)) {
            throw reject(JwtRefusal.TIME, "iat is in the future (iss " + iss + ")");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(skew).isAfter(now)) {
            throw reject(JwtRefusal.TIME, "nbf is in the future (iss " + iss + ")");
        }
        if (Duration.between(iat, exp).compareTo(properties.maxTokenLifetime()) > 0) {
            throw reject(JwtRefusal.TIME, "lifetime exp - iat exceeds " + properties.maxTokenLifetime() + " (iss " + iss + ")");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw reject(JwtRefusal.MALFORMED, "jti missing (iss " + iss + ")");
        }
        switch (replayStore.use(iss, jti, exp.plus(skew), now)) {
            case REPLAYED -> throw reject(JwtRefusal.REPLAY, "jti replayed (iss " + iss + ")");
            case FULL -> throw reject(JwtRefusal.REPLAY_STORE, "replay cache full; refusing new tokens (iss " + iss + ")");
            case FIRST_USE -> { }
        }
        return new Caller(iss, jti);
    }

    private Instant instant(Date date, String claim, String iss) {
        if (date == null) {
            throw reject(JwtRefusal.MALFORMED, claim + " missing (iss " + iss + ")");
        }
        return date.toInstant();
    }

    /** The category goes to {@link #refusals} (metrics); the reason to the WARN log through the exception. */
    private UnauthenticatedException reject(JwtRefusal category, String reason) {
        refusals.accept(category);
        return new UnauthenticatedException(reason);
    }

    /** For tests and the start-up log. */
    Set<String> trustedIssuers() {
        return issuers.keySet();
    }
}
