package org.allcds.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Keys for the tests (EC keys minted per run, one fixed RSA key) and a builder for client JWTs, valid unless a test breaks
 * one rule.
 */
final class TestTokens {

    static final String ISS = "https://ehr.example.org";
    static final String BASE = "https://cds.example.org";
    static final ECKey EC = generateEc("ec-1", Curve.P_384);
    /**
     * A fixed 2048-bit key kept in the test resources, trusted by nothing outside these tests: minting one costs 0.5 to
     * 1.5 s of CPU in each test JVM (the client compiler leaves BigInteger's arithmetic unoptimised).
     */
    static final RSAKey RSA = readRsa("/security/test-only-rsa-key.json");
    /** Same issuer, but its kid is not in the trusted JWKS. */
    static final ECKey STRANGER = generateEc("ec-unknown", Curve.P_384);

    private TestTokens() {
    }

    /** The trusted JWKS: public parts of {@link #EC} and {@link #RSA}. */
    static JWKSet trustedJwks() {
        return new JWKSet(java.util.List.of(EC.toPublicJWK(), RSA.toPublicJWK()));
    }

    static Token es384(String aud, Instant now) {
        return new Token(JWSAlgorithm.ES384, EC.getKeyID(), now).aud(aud);
    }

    static Token rs384(String aud, Instant now) {
        return new Token(JWSAlgorithm.RS384, RSA.getKeyID(), now).aud(aud);
    }

    static final class Token {
        private final JWSHeader.Builder header;
        private final JWTClaimsSet.Builder claims;
        private final JWSAlgorithm alg;

        Token(JWSAlgorithm alg, String kid, Instant now) {
            this.alg = alg;
            header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid);
            claims = new JWTClaimsSet.Builder().issuer(ISS).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        }

        Token aud(String... audience) {
            claims.audience(audience.length == 1 ? java.util.List.of(audience[0]) : java.util.List.of(audience));
            if (audience.length == 1) {
                claims.claim("aud", audience[0]); // a string, as the sandbox sends it
            }
            return this;
        }

        Token iss(String iss) { claims.issuer(iss); return this; }

        Token exp(Instant exp) { claims.expirationTime(Date.from(exp)); return this; }

        Token iat(Instant iat) { claims.issueTime(Date.from(iat)); return this; }

        Token jti(String jti) { claims.jwtID(jti); return this; }

        Token kid(String kid) { header.keyID(kid); return this; }

        Token typ(String typ) { header.type(typ == null ? null : new JOSEObjectType(typ)); return this; }

        Token jku(String jku) { header.jwkURL(URI.create(jku)); return this; }

        Token without(String claim) { claims.claim(claim, null); return this; }

        /** Any value under any claim name, of whatever JSON type (the fuzz test's damage). */
        Token claim(String claim, Object value) { claims.claim(claim, value); return this; }

        /** Signed with the key its kid names ({@link #STRANGER} for an unknown kid). */
        String sign() {
            JWSHeader h = header.build();
            return sign(h, alg == JWSAlgorithm.RS384 ? rsaSigner() : ecSigner(h.getKeyID()));
        }

        /** {@code alg: none}, no signature. */
        String unsigned() {
            return new PlainJWT(claims.build()).serialize();
        }

        /** The alg-confusion attack: HS256 keyed with the trusted RSA public key's bytes. */
        String hs256WithPublicKeyAsSecret() {
            try {
                JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                        .keyID(RSA.getKeyID()).build();
                return sign(h, new MACSigner(RSA.toRSAPublicKey().getEncoded()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private String sign(JWSHeader h, JWSSigner signer) {
            try {
                SignedJWT jwt = new SignedJWT(h, claims.build());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static JWSSigner ecSigner(String kid) {
            try {
                return new ECDSASigner(STRANGER.getKeyID().equals(kid) ? STRANGER : EC);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static JWSSigner rsaSigner() {
            try {
                return new RSASSASigner(RSA);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ECKey generateEc(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey readRsa(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
