package org.allcds.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What checking an EHR's JWT costs per call, by signing algorithm (the two CDS Hooks names): the token parsed and its
 * signature verified as {@code security.JwtVerifier} has nimbus do it (a {@code DefaultJWTProcessor} with a key
 * selector over the issuer's keys; the claims are checked apart, at no measurable cost). The benchmarks of the hook
 * path run without authentication, so this is what a secured service adds to each call. Run with
 * {@code bench/jmh.sh JwtSignatureBenchmark}; figures in {@code bench/RESULTS.md}.
 */
@State(Scope.Benchmark)
public class JwtSignatureBenchmark extends ServiceJvmBenchmark {

    @Param({"ES384", "RS384"})
    public String algorithm;

    private String token;
    private DefaultJWTProcessor<SecurityContext> processor;

    @Setup
    public void sign() throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = alg == JWSAlgorithm.ES384 ? new ECKeyGenerator(Curve.P_384).keyID("k").generate()
                : new RSAKeyGenerator(2048).keyID("k").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://ehr.example")
                .audience("https://cds.example/cds-services/ped-all-relapse").issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID("k").build(), claims);
        jwt.sign(alg == JWSAlgorithm.ES384 ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey()));
        token = jwt.serialize();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384),
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier((c, context) -> { });
    }

    @Benchmark
    public JWTClaimsSet parseAndVerify() throws Exception {
        return processor.process(token, null);
    }
}
