package org.allcds.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.nimbusds.jose.JWSAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trust in CDS clients (conformance §5.3). Checked when bound, so a bad configuration stops start-up instead of
 * serving unauthenticated or half-configured.
 *
 * @param enabled           verify the client JWT on service and feedback calls; only the demo profile turns it off
 * @param publicBaseUrl     the URL clients call us by (behind a proxy, not the incoming request's); the expected
 *                          {@code aud} is this plus the request path
 * @param issuers           trusted clients, each with its JWKS URL or a static JWKS file ({@code classpath:} allowed)
 * @param allowedAlgorithms RSA and EC signature algorithms only; HMAC and {@code none} stop start-up
 * @param clockSkew         tolerance on {@code exp}, {@code iat} and {@code nbf}
 * @param maxTokenLifetime  longest accepted {@code exp - iat}
 * @param replayCacheSize   most {@code jti}s remembered at once; when full, new tokens are refused (fail closed)
 * @param jwksTimeout       connect and read timeout for a remote JWKS
 */
@ConfigurationProperties("allcds.security")
record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        String publicBaseUrl,
        List<Issuer> issuers,
        @DefaultValue({"ES384", "RS384"}) List<String> allowedAlgorithms,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("1h") Duration maxTokenLifetime,
        @DefaultValue("100000") int replayCacheSize,
        @DefaultValue("5s") Duration jwksTimeout) {

    static final String PREFIX = "allcds.security";

    /**
     * A trusted client: exactly one of {@code jwksUrl} and {@code jwksFile}. {@code jku} is the JWKS URL the client
     * names in its tokens when its keys are configured as a file (the sandbox); it is tolerated, never fetched.
     */
    record Issuer(String iss, URI jwksUrl, String jwksFile, URI jku) {

        /** A token's {@code jku} is acceptable only if absent or one of the URLs configured for this issuer. */
        boolean allowsJku(URI tokenJku) {
            return tokenJku == null || tokenJku.equals(jwksUrl) || tokenJku.equals(jku);
        }
    }

    SecurityProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        allowedAlgorithms = List.copyOf(allowedAlgorithms);
        if (enabled) {
            check(publicBaseUrl, issuers, allowedAlgorithms, clockSkew, maxTokenLifetime, replayCacheSize);
        }
    }

    // Static: in a compact constructor the fields are not yet assigned.
    private static void check(String publicBaseUrl, List<Issuer> issuers, List<String> allowedAlgorithms,
                              Duration clockSkew, Duration maxTokenLifetime, int replayCacheSize) {
        if (issuers.isEmpty()) {
            fail(PREFIX + ".issuers is empty but " + PREFIX + ".enabled is true: configure at least one trusted "
                    + "CDS client (iss with jwks-url or jwks-file), or run the demo profile to turn authentication off");
        }
        if (publicBaseUrl == null || !publicBaseUrl.matches("https?://[^/?#]+(/[^?#]*)?")) {
            fail(PREFIX + ".public-base-url must be the absolute http(s) URL clients call, e.g. https://cds.example.org");
        }
        issuers.forEach(SecurityProperties::checkIssuer);
        if (issuers.stream().map(Issuer::iss).distinct().count() != issuers.size()) {
            fail(PREFIX + ".issuers lists the same iss twice");
        }
        algorithms(allowedAlgorithms);
        if (clockSkew.isNegative() || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero() || replayCacheSize < 1) {
            fail(PREFIX + ": clock-skew must be >= 0, max-token-lifetime and replay-cache-size > 0");
        }
    }

    private static void checkIssuer(Issuer issuer) {
        if (issuer.iss() == null || issuer.iss().isBlank()) {
            fail(PREFIX + ".issuers[].iss is required");
        }
        if ((issuer.jwksUrl() == null) == (issuer.jwksFile() == null || issuer.jwksFile().isBlank())) {
            fail(PREFIX + ".issuers[] for " + issuer.iss() + " needs exactly one of jwks-url and jwks-file");
        }
        URI url = issuer.jwksUrl();
        if (url != null && !"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && isLoopback(url))) {
            fail(PREFIX + ".issuers[] for " + issuer.iss() + ": jwks-url must be https (http only on loopback)");
        }
    }

    private static boolean isLoopback(URI url) {
        return Set.of("localhost", "127.0.0.1", "[::1]").contains(String.valueOf(url.getHost()));
    }

    /** The allowlist as nimbus algorithms; symmetric and unsigned ones are refused (CDS Hooks: SHALL NOT). */
    Set<JWSAlgorithm> algorithms() {
        return algorithms(allowedAlgorithms);
    }

    private static Set<JWSAlgorithm> algorithms(List<String> allowedAlgorithms) {
        if (allowedAlgorithms.isEmpty()) {
            fail(PREFIX + ".allowed-algorithms is empty");
        }
        return allowedAlgorithms.stream().map(SecurityProperties::algorithm).collect(Collectors.toUnmodifiableSet());
    }

    private static JWSAlgorithm algorithm(String name) {
        JWSAlgorithm alg = JWSAlgorithm.parse(name.trim());
        if (!JWSAlgorithm.Family.RSA.contains(alg) && !JWSAlgorithm.Family.EC.contains(alg)) {
            fail(PREFIX + ".allowed-algorithms: " + name + " is not allowed (only RSA and EC signatures; "
                    + "never none or HMAC)");
        }
        return alg;
    }

    /** The expected {@code aud} for a request path such as {@code /cds-services/ped-all-risk}. */
    String audienceFor(String path) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + path;
    }

    private static void fail(String message) {
        throw new IllegalStateException(message);
    }
}
