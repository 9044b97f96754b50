package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.allcds.fixtures.BundledRuleSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The two readings of a path that a guard, the service-call metric and the request log's label must agree on: the
 * container's (its servlet path, decoded and normalised) and Spring MVC's (the raw segments, each decoded).
 */
class RequestPathsTest {

    /** A request as Tomcat hands it over: the raw URI, and the servlet path it normalised it to. */
    private static MockHttpServletRequest request(String rawUri, String servletPath) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", rawUri);
        request.setServletPath(servletPath);
        return request;
    }

    @ParameterizedTest
    @CsvSource({"/cds-services/ped-all-risk, /cds-services/ped-all-risk, /cds-services/ped-all-risk, true",
        "/cds-services;x=1/ped-all-risk, /cds-services/ped-all-risk, /cds-services/ped-all-risk, true",
        "/%63ds-services/ped-all-risk, /cds-services/ped-all-risk, /cds-services/ped-all-risk, true",
        "/cds-services/%2e%2e, /, /cds-services/.., true",
        "/admin/../cds-services, /cds-services, /admin/../cds-services, true",
        "/other, /other, /other, false"})
    void eitherReadingUnderThePrefix_counts(String raw, String servletPath, String mvcPath, boolean under) {
        MockHttpServletRequest request = request(raw, servletPath);

        assertThat(RequestPaths.mvcPath(request)).isEqualTo(mvcPath);
        assertThat(RequestPaths.isUnder(request, "/cds-services")).isEqualTo(under);
    }

    /** The metric and the log name the service a spelling reaches, not "none". */
    @ParameterizedTest
    @CsvSource({"/%63ds-services/ped-all-risk", "/cds-services;x=1/ped-all-risk", "/cds-services/ped-all-risk"})
    void aServiceReachedByAnySpelling_isLabelledWithItsId(String raw) {
        assertThat(RequestLabels.service(request(raw, "/cds-services/ped-all-risk"), BundledRuleSet.holder()))
                .isEqualTo("ped-all-risk");
    }
}
