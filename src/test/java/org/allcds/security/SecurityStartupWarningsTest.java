package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.allcds.prefetch.FhirClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Reads the whole process's standard output (no WARN at all), so no other test class may run beside it. */
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SecurityStartupWarningsTest {

    static SecurityProperties properties(boolean enabled, String iss) {
        return new SecurityProperties(enabled, "https://cds.example.org",
                iss == null ? List.of() : List.of(new SecurityProperties.Issuer(iss, null, "classpath:sandbox-jwks.json",
                        URI.create("https://sandbox.cds-hooks.org/.well-known/jwks.json"))),
                List.of("ES384", "RS384"), Duration.ofSeconds(60), Duration.ofHours(1), 10, Duration.ofSeconds(5));
    }

    static FhirClientProperties fhir(boolean requireHttps) {
        return new FhirClientProperties(List.of(), Duration.ofSeconds(5), 10, requireHttps, 4, Duration.ofSeconds(10));
    }

    @Test
    void securityDisabled_warnsThatAuthenticationIsOff(CapturedOutput output) {
        new SecurityStartupWarnings(properties(false, null), fhir(true)).warn();
        assertThat(output).contains("WARN").contains("AUTHENTICATION IS OFF").doesNotContain("plain http");
    }

    /** The demo profile accepts an http:// fhirServer: the start says so, whatever the authentication. */
    @Test
    void httpsNotRequired_warnsThatPlainHttpFhirServersAreAccepted(CapturedOutput output) {
        new SecurityStartupWarnings(properties(true, "https://ehr.example.org"), fhir(false)).warn();
        assertThat(output).contains("WARN").contains("A plain http:// fhirServer is accepted")
                .contains("allcds.fhir.require-https=false");
    }

    @Test
    void sandboxIssuerTrusted_warnsThatItsKeyIsPublic(CapturedOutput output) {
        new SecurityStartupWarnings(properties(true, SecurityStartupWarnings.SANDBOX_ISSUER), fhir(true)).warn();
        assertThat(output).contains("WARN").contains("private key is published").doesNotContain("AUTHENTICATION IS OFF");
    }

    @Test
    void productionIssuer_noWarning(CapturedOutput output) {
        new SecurityStartupWarnings(properties(true, "https://ehr.example.org"), fhir(true)).warn();
        assertThat(output).doesNotContain("WARN");
    }
}
