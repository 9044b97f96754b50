package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FhirServerAllowlistTest {

    private final FhirServerAllowlist allowlist = new FhirServerAllowlist(FhirClientProperties.allowing(
            List.of("https://ehr.example.org/fhir", "https://other.example.org:8443/r4/")));

    @Test
    void isAllowed_whenUnderEntryPath_isTrue() {
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir")).isTrue();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/")).isTrue();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/Patient/1")).isTrue();
        assertThat(allowlist.isAllowed("https://EHR.example.org/fhir/Observation?patient=1&_count=5")).isTrue();
        assertThat(allowlist.isAllowed("https://ehr.example.org:443/fhir/Patient/1")).isTrue();
        assertThat(allowlist.isAllowed("https://other.example.org:8443/r4/Patient/1")).isTrue();
    }

    @Test
    void isAllowed_whenPathOnlySharesAPrefix_isFalse() {
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhirevil")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhirevil/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/other/fhir")).isFalse();
    }

    @Test
    void isAllowed_whenHostOnlyLooksAlike_isFalse() {
        assertThat(allowlist.isAllowed("https://ehr.example.org.evil.com/fhir")).isFalse();
        assertThat(allowlist.isAllowed("https://evil.com/ehr.example.org/fhir")).isFalse();
        assertThat(allowlist.isAllowed("https://evil.com?https://ehr.example.org/fhir")).isFalse();
        assertThat(allowlist.isAllowed("https://xehr.example.org/fhir")).isFalse();
    }

    @Test
    void isAllowed_whenSchemeOrPortDiffers_isFalse() {
        assertThat(allowlist.isAllowed("http://ehr.example.org/fhir/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org:8443/fhir/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://other.example.org/r4/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("ftp://ehr.example.org/fhir")).isFalse();
    }

    @Test
    void isAllowed_whenUrlHasUserInfo_isFalse() {
        assertThat(allowlist.isAllowed("https://user@ehr.example.org/fhir/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org@evil.com/fhir")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org:443@evil.com/fhir")).isFalse();
    }

    @Test
    void isAllowed_whenDotSegmentsClimbOut_isFalse() {
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/../admin")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/./../fhirevil")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/%2e%2e/admin")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/../fhir/Patient/1")).isFalse();
        // sent as written: a proxy that routes on the raw path would send "/admin/../fhir" (and the token) to /admin
        assertThat(allowlist.isAllowed("https://ehr.example.org/admin/../fhir/Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/a/../Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/./Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/Patient/..")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/Patient/a..b")).isTrue();
    }

    @Test
    void isAllowed_whenAPathParameterCouldHideADotSegment_isFalse() {
        for (String url : List.of("https://ehr.example.org/fhir/..;/admin", "https://ehr.example.org/fhir/..%3B/admin",
                "https://ehr.example.org/fhir/..%3b/admin", "https://ehr.example.org/fhir/..%253B/admin",
                "https://ehr.example.org/fhir/.;x=1/Patient/1", "https://ehr.example.org/fhir/Patient;jsessionid=1/1")) {
            assertThat(allowlist.isAllowed(url)).as(url).isFalse();
        }
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir/Observation?code=a;b")).isTrue();
    }

    @Test
    void isAllowed_whenNotAUrl_isFalse() {
        assertThat(allowlist.isAllowed(null)).isFalse();
        assertThat(allowlist.isAllowed("")).isFalse();
        assertThat(allowlist.isAllowed("Patient/1")).isFalse();
        assertThat(allowlist.isAllowed("https://ehr.example.org/fhir\\..\\admin")).isFalse();
        assertThat(allowlist.isAllowed("https:///fhir")).isFalse();
    }

    @Test
    void isAllowed_whenListIsEmpty_allowsNothing() {
        FhirServerAllowlist empty = new FhirServerAllowlist(FhirClientProperties.allowing(List.of()));

        assertThat(empty.isAllowed("https://ehr.example.org/fhir")).isFalse();
    }

    @Test
    void isAllowed_whenEntryIsAWholeHost_allowsAnyPathOnIt() {
        FhirServerAllowlist host = new FhirServerAllowlist(FhirClientProperties.allowing(List.of("https://ehr.example.org")));

        assertThat(host.isAllowed("https://ehr.example.org/any/Patient/1")).isTrue();
        assertThat(host.isAllowed("https://ehr.example.org.evil.com/any")).isFalse();
    }

    @Test
    void constructor_whenEntryIsNotAPlainUrl_failsAtStartup() {
        assertThatThrownBy(() -> new FhirServerAllowlist(FhirClientProperties.allowing(List.of("ehr.example.org/fhir"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FhirServerAllowlist(FhirClientProperties.allowing(List.of("https://u:p@ehr.example.org"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validateFhirServer_whenHttpAndHttpsRequired_throws400() {
        // Conformance C32: "Production profile: fhirServer with http:// scheme → 400".
        assertThatThrownBy(() -> allowlist.validateFhirServer("http://ehr.example.org/fhir"))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.diagnostics()).contains("fhirServer").contains("https");
                });
    }

    @Test
    void validateFhirServer_whenHttpsOrAbsent_passes() {
        assertThatCode(() -> allowlist.validateFhirServer("https://anywhere.example.org/fhir")).doesNotThrowAnyException();
        assertThatCode(() -> allowlist.validateFhirServer(null)).doesNotThrowAnyException();
    }

    @Test
    void validateFhirServer_whenHttpAllowedByConfiguration_passes() {
        FhirServerAllowlist lenient = new FhirServerAllowlist(
                new FhirClientProperties(List.of(), null, 10, false, 4, null));

        assertThatCode(() -> lenient.validateFhirServer("http://localhost:8080/fhir")).doesNotThrowAnyException();
    }

    @Test
    void validateFhirServer_whenNotAnAbsoluteHttpUrl_throws400() {
        for (String bad : List.of("ehr.example.org/fhir", "ftp://ehr.example.org/fhir", "https://u:p@ehr.example.org/fhir",
                "not a url")) {
            assertThatThrownBy(() -> allowlist.validateFhirServer(bad)).as(bad)
                    .isInstanceOf(InvalidCdsRequestException.class);
        }
    }

    @Test
    void validateFhirServer_whenItHasAQueryOrAFragment_throws400NamingFhirServer() {
        for (String bad : List.of("https://ehr.example.org/fhir?x=", "https://ehr.example.org/fhir/?a=b",
                "https://ehr.example.org/fhir#frag", "https://ehr.example.org/fhir?")) {
            assertThatThrownBy(() -> allowlist.validateFhirServer(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.diagnostics()).isEqualTo(
                                "fhirServer must be a base URL without a query or a fragment.");
                    });
        }
    }

    /** A path parameter (which can hide a dot segment) or a dot segment: the URL is sent as written. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ehr.example.org/fhir/..;/other | a ';' (path parameter)",
        "https://ehr.example.org/fhir/..%3B/other | a ';' (path parameter)",
        "https://ehr.example.org/fhir;x | a ';' (path parameter)",
        "https://ehr.example.org/admin/../fhir | a '.' or '..' segment",
        "https://ehr.example.org/fhir/. | a '.' or '..' segment",
        "https://ehr.example.org/./fhir | a '.' or '..' segment"})
    void validateFhirServer_whenItsPathHasAParameterOrADotSegment_throws400NamingFhirServer(String bad, String what) {
        assertThatThrownBy(() -> allowlist.validateFhirServer(bad))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("fhirServer must not have " + what + " in its path."));
    }

    @Test
    void isUnder_checksSegmentBoundary() {
        assertThat(FhirServerAllowlist.isUnder("https://a.example/fhir/", "https://a.example/fhir/Patient?page=2")).isTrue();
        assertThat(FhirServerAllowlist.isUnder("https://a.example/fhir", "https://a.example/fhir2/Patient")).isFalse();
    }
}
