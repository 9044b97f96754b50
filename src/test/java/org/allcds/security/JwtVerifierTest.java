package org.allcds.security;

import static org.allcds.security.TestTokens.BASE;
import static org.allcds.security.TestTokens.ISS;
import static org.allcds.security.TestTokens.es384;
import static org.allcds.security.TestTokens.rs384;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.allcds.errors.UnauthenticatedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String PATH = "/cds-services/ped-all-risk";
    static final String AUD = BASE + PATH;
    static final String JWKS_URL = "https://ehr.example.org/.well-known/jwks.json";

    final JwtVerifier verifier = verifier(properties(List.of("ES384", "RS384")));

    static SecurityProperties properties(List<String> algorithms) {
        return new SecurityProperties(true, BASE,
                List.of(new SecurityProperties.Issuer(ISS, URI.create(JWKS_URL), null, null)),
                algorithms, Duration.ofSeconds(60), Duration.ofHours(1), 1000, Duration.ofSeconds(5));
    }

    static JwtVerifier verifier(SecurityProperties properties) {
        return new JwtVerifier(properties, Map.of(ISS, new ImmutableJWKSet<SecurityContext>(TestTokens.trustedJwks())),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    JwtVerifier.Caller verify(String token) {
        return verifier.verify("Bearer " + token, PATH);
    }

    void assertRejected(String token, String reason) {
        assertRejectedHeader("Bearer " + token, reason);
    }

    void assertRejectedHeader(String authorization, String reason) {
        assertThatThrownBy(() -> verifier.verify(authorization, PATH))
                .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.diagnostics()).isEqualTo("The request is not authenticated.");
                });
    }

    @Nested
    @DisplayName("conformance §8 E57: sandbox- and Inferno-shaped tokens")
    class Accepted {
        @Test
        void es384_sandboxShaped_accepted() {
            assertThat(verify(es384(AUD, NOW).sign())).extracting(JwtVerifier.Caller::iss).isEqualTo(ISS);
        }

        @Test
        void rs384_infernoShaped_accepted() {
            assertThat(verify(rs384(AUD, NOW).sign()).iss()).isEqualTo(ISS);
        }

        @Test
        void audArrayContainingTheUrl_accepted() { // E52
            verify(es384(AUD, NOW).aud("https://other.example.org", AUD).sign());
        }

        @Test
        void expiredWithinSkew_accepted() { // E51
            verify(es384(AUD, NOW).iat(NOW.minusSeconds(300)).exp(NOW.minusSeconds(30)).sign());
        }

        @Test
        void jkuEqualToConfiguredJwksUrl_accepted() {
            verify(es384(AUD, NOW).jku(JWKS_URL).sign());
        }

        @Test
        void bearerSchemeIsCaseInsensitive() {
            verifier.verify("bearer " + es384(AUD, NOW).sign(), PATH);
        }
    }

    @Nested
    @DisplayName("conformance §8 E45-E56: rejected")
    class Rejected {
        @Test
        void noAuthorization() { // E45
            assertRejectedHeader(null, "no Authorization header");
        }

        @Test
        void basicAuth() { // E46
            assertRejectedHeader("Basic dXNlcjpwYXNz", "not a Bearer token");
        }

        @Test
        void garbageBearer() { // E46
            assertRejected("not-a-jwt", "not a JWT");
        }

        @Test
        void algNone() { // E47
            assertRejected(es384(AUD, NOW).unsigned(), "not signed");
        }

        @Test
        void hs256WithPublicKeyAsSecret() { // E48
            assertRejected(es384(AUD, NOW).hs256WithPublicKeyAsSecret(), "alg HS256 is not allowed");
        }

        @Test
        void unknownKid() { // E49
            assertRejected(es384(AUD, NOW).kid(TestTokens.STRANGER.getKeyID()).sign(), "no matching key");
        }

        /** What the token says is the client's text: the log's reason names the check, not the value. */
        @Test
        void unlistedIss_orAMadeUpAlg_isRefused_andTheReasonQuotesNeither() {
            assertThatThrownBy(() -> verifier.verify("Bearer " + es384(AUD, NOW).iss("https://Quaxworth-MRN-1").sign(), PATH))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.reason())
                            .isEqualTo("iss is not a trusted issuer"));
            String madeUpAlg = base64url("{\"alg\":\"Quaxworth-alg\",\"typ\":\"JWT\",\"kid\":\"k\"}") + "."
                    + base64url("{\"iss\":\"x\"}") + "." + base64url("sig");
            assertThatThrownBy(() -> verifier.verify("Bearer " + madeUpAlg, PATH))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.reason())
                            .isEqualTo("alg is not allowed"));
        }

        /**
         * What the README says a refusal logs: the check, and a configured issuer once the token is known to be its
         * (here a replay and an expired token); the jti is never named, whatever check failed.
         */
        @Test
        void aRefusalNamesATrustedIssuer_butNeverTheJti() {
            String token = es384(AUD, NOW).jti("Quaxworth-jti-1").sign();
            verify(token);
            assertThatThrownBy(() -> verifier.verify("Bearer " + token, PATH))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.reason())
                            .isEqualTo("jti replayed (iss " + ISS + ")"));
            String expired = es384(AUD, NOW).iat(NOW.minusSeconds(300)).exp(NOW.minusSeconds(120))
                    .jti("Quaxworth-jti-2").sign();
            assertThatThrownBy(() -> verifier.verify("Bearer " + expired, PATH))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.reason())
                            .isEqualTo("expired (iss " + ISS + ")").doesNotContain("Quaxworth"));
        }

        private static String base64url(String json) {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Test
        void unlistedIss() { // E50
            assertRejected(es384(AUD, NOW).iss("https://evil.example.org").sign(), "not a trusted issuer");
        }

        @Test
        void expiredBeyondSkew() { // E51
            assertRejected(es384(AUD, NOW).iat(NOW.minusSeconds(300)).exp(NOW.minusSeconds(120)).sign(), "expired");
        }

        @Test
        void discoveryAudOnServiceCall() { // E52
            assertRejected(es384(BASE + "/cds-services", NOW).sign(), "aud does not contain");
        }

        @Test
        void feedbackAudOnServiceCall() {
            assertRejected(es384(AUD + "/feedback", NOW).sign(), "aud does not contain");
        }

        @ParameterizedTest // E53
        @ValueSource(strings = {"iss", "aud", "exp", "iat", "jti"})
        void missingClaim(String claim) {
            assertRejected(es384(AUD, NOW).without(claim).sign(), claim + " missing");
        }

        @Test
        void replay() { // E54
            String token = es384(AUD, NOW).sign();
            verify(token);
            assertRejected(token, "jti replayed");
        }

        @Test
        void foreignJku() { // E55: refused before any key lookup
            assertRejected(es384(AUD, NOW).jku("https://attacker.example.net/jwks.json").sign(), "jku");
        }

        @ParameterizedTest // E56: strict, typ is REQUIRED and fixed
        @ValueSource(strings = {"at+jwt", "jwt", "JOSE"})
        void typOtherThanJwt(String typ) {
            assertRejected(es384(AUD, NOW).typ(typ).sign(), "typ");
        }

        @Test
        void typAbsent() { // E56
            assertRejected(es384(AUD, NOW).typ(null).sign(), "typ");
        }

        @Test
        void kidAbsent() {
            assertRejected(es384(AUD, NOW).kid(null).sign(), "kid missing");
        }

        @Test
        void iatInTheFutureBeyondSkew() {
            assertRejected(es384(AUD, NOW).iat(NOW.plusSeconds(120)).exp(NOW.plusSeconds(300)).sign(), "iat");
        }

        @Test
        void lifetimeOverOneHour() {
            assertRejected(es384(AUD, NOW).exp(NOW.plus(Duration.ofHours(2))).sign(), "lifetime");
        }

        @Test
        void es256NotAllowedByDefault() throws Exception {
            var p256 = new ECKeyGenerator(Curve.P_256).keyID("ec-256").generate();
            var token = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256)
                            .type(com.nimbusds.jose.JOSEObjectType.JWT).keyID("ec-256").build(),
                    com.nimbusds.jwt.JWTClaimsSet.parse(com.nimbusds.jwt.SignedJWT.parse(es384(AUD, NOW).sign())
                            .getJWTClaimsSet().toJSONObject()));
            token.sign(new com.nimbusds.jose.crypto.ECDSASigner(p256));
            assertRejected(token.serialize(), "alg ES256 is not allowed");
        }

        @Test
        void everyFailureHasTheSameDiagnostics() {
            List<String> tokens = List.of(es384(AUD, NOW).unsigned(), es384(AUD, NOW).without("jti").sign(),
                    es384(BASE, NOW).sign());
            assertThat(tokens).map(t -> {
                try {
                    verify(t);
                    return "accepted";
                } catch (UnauthenticatedException e) {
                    return e.toOperationOutcome().toString();
                }
            }).containsOnly(new UnauthenticatedException("x").toOperationOutcome().toString());
        }
    }

    @Nested
    class Configuration {
        @Test
        void noIssuerWhileEnabled_failsNamingTheProperty() {
            assertThatThrownBy(() -> new SecurityProperties(true, BASE, List.of(), List.of("ES384"),
                    Duration.ofSeconds(60), Duration.ofHours(1), 10, Duration.ofSeconds(5)))
                    .hasMessageContaining("allcds.security.issuers");
        }

        @Test
        void noIssuerWhileDisabled_isFine() {
            new SecurityProperties(false, null, null, List.of("ES384"), Duration.ofSeconds(60), Duration.ofHours(1),
                    10, Duration.ofSeconds(5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS256", "HS384", "HS512", "none"})
        void symmetricOrNoneConfigured_fails(String alg) {
            assertThatThrownBy(() -> properties(List.of("ES384", alg)))
                    .hasMessageContaining("allcds.security.allowed-algorithms");
        }

        @Test
        void es256MayBeAdded() {
            assertThat(properties(List.of("ES384", "RS384", "ES256", "RS256")).algorithms()).hasSize(4);
        }

        @Test
        void issuerNeedsExactlyOneKeySource() {
            assertThatThrownBy(() -> new SecurityProperties(true, BASE,
                    List.of(new SecurityProperties.Issuer(ISS, URI.create(JWKS_URL), "classpath:x.json", null)),
                    List.of("ES384"), Duration.ofSeconds(60), Duration.ofHours(1), 10, Duration.ofSeconds(5)))
                    .hasMessageContaining("exactly one of jwks-url and jwks-file");
        }

        @Test
        void plainHttpJwksUrlOffLoopback_fails() {
            assertThatThrownBy(() -> new SecurityProperties(true, BASE,
                    List.of(new SecurityProperties.Issuer(ISS, URI.create("http://ehr.example.org/jwks"), null, null)),
                    List.of("ES384"), Duration.ofSeconds(60), Duration.ofHours(1), 10, Duration.ofSeconds(5)))
                    .hasMessageContaining("https");
        }

        @Test
        void audienceIsBaseUrlPlusPath() {
            var p = new SecurityProperties(true, BASE + "/", properties(List.of("ES384")).issuers(), List.of("ES384"),
                    Duration.ofSeconds(60), Duration.ofHours(1), 10, Duration.ofSeconds(5));
            assertThat(p.audienceFor(PATH)).isEqualTo(AUD);
        }
    }

    @Nested
    class KeysAndReplayCache {
        final MutableClock clock = new MutableClock(NOW);

        @Test
        void unknownKid_reloadsAtMostOncePerMinute() {
            AtomicInteger loads = new AtomicInteger();
            IssuerKeys keys = new IssuerKeys(ISS, () -> {
                loads.incrementAndGet();
                return TestTokens.trustedJwks();
            }, clock);
            JwtVerifier v = new JwtVerifier(properties(List.of("ES384")), Map.of(ISS, keys), clock);
            v.verify("Bearer " + es384(AUD, NOW).sign(), PATH);
            assertThat(loads).hasValue(1);
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> v.verify("Bearer " + es384(AUD, NOW).kid("ec-unknown").sign(), PATH))
                        .isInstanceOf(UnauthenticatedException.class);
            }
            assertThat(loads).hasValue(1);
            clock.advance(Duration.ofSeconds(61));
            assertThatThrownBy(() -> v.verify("Bearer " + es384(AUD, NOW).kid("ec-unknown").sign(), PATH))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThat(loads).hasValue(2);
        }

        @Test
        void rotatedKey_foundAfterReload() throws Exception {
            var rotated = new ECKeyGenerator(Curve.P_384).keyID("ec-2").generate();
            JWKSet[] current = {TestTokens.trustedJwks()};
            IssuerKeys keys = new IssuerKeys(ISS, () -> current[0], clock);
            keys.load();
            current[0] = new JWKSet(rotated.toPublicJWK());
            clock.advance(Duration.ofMinutes(2));
            JwtVerifier v = new JwtVerifier(properties(List.of("ES384")), Map.of(ISS, keys), clock);
            var header = new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES384)
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).keyID("ec-2").build();
            var jwt = new com.nimbusds.jwt.SignedJWT(header, com.nimbusds.jwt.SignedJWT
                    .parse(es384(AUD, clock.instant()).sign()).getJWTClaimsSet());
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(rotated));
            assertThat(v.verify("Bearer " + jwt.serialize(), PATH).iss()).isEqualTo(ISS);
        }

        @Test
        void privateAndSymmetricKeysInAJwks_areNeverUsed() throws Exception {
            var secret = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[32]).keyID("oct").build();
            IssuerKeys keys = new IssuerKeys(ISS, () -> new JWKSet(List.of(TestTokens.EC, secret)), clock);
            keys.load();
            var all = keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder()
                    .build()), null);
            assertThat(all).hasSize(1).allMatch(k -> !k.isPrivate());
        }

        @Test
        void replayCache_forgetsExpiredAndRefusesWhenFull() {
            ReplayCache cache = new ReplayCache(2);
            assertThat(cache.use(ISS, "a", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
            assertThat(cache.use(ISS, "a", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
            assertThat(cache.use("other", "a", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
            assertThat(cache.use(ISS, "b", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.FULL);
            assertThat(cache.use(ISS, "b", NOW.plusSeconds(30), NOW.plusSeconds(11)))
                    .isEqualTo(ReplayCache.Result.FIRST_USE);
            assertThat(cache.size()).isEqualTo(1);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) { this.now = now; }

        void advance(Duration by) { now = now.plus(by); }

        @Override public Instant instant() { return now; }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }
}
