package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Values just below and exactly at each inclusive decimal threshold of the catalogue (C-07), written with 15 to 20
 * significant digits, over HTTP: the rules must see the digits the EHR sent, never a double rounded up to the
 * threshold.
 */
class ExactThresholdsIT extends AbstractHttpIT {

    /** Each row: where the value goes in which worked example, the value, and the finding it must give. */
    @ParameterizedTest(name = "{2} in {0} -> {3} {4} {5}")
    @CsvSource({
            // WBC >= 50 x10^9/L is NCI high risk (R-DX-03)
            "ped-all-risk-example-a,    '\"value\": 8.0,',   49.999999999999999,     nci-risk,        NCI,          STANDARD",
            "ped-all-risk-example-a,    '\"value\": 8.0,',   49.99999999999999999,   nci-risk,        NCI,          STANDARD",
            "ped-all-risk-example-a,    '\"value\": 8.0,',   49.9999999999999999999, nci-risk,        NCI,          STANDARD",
            "ped-all-risk-example-a,    '\"value\": 8.0,',   50.000000000000000,     nci-risk,        NCI,          HIGH",
            "ped-all-risk-example-a,    '\"value\": 8.0,',   50.0000000000000000000, nci-risk,        NCI,          HIGH",
            // end-of-induction MRD >= 0.01 % (R-DX-10 rows a and d)
            "ped-all-risk-example-a,    '\"value\": 0.004,', 0.0099999999999999999,  risk-group,      COG_AALL08B1, LOW",
            "ped-all-risk-example-a,    '\"value\": 0.004,', 0.009999999999999999,   risk-group,      COG_AALL08B1, LOW",
            "ped-all-risk-example-a,    '\"value\": 0.004,', 0.010000000000000000,   risk-group,      COG_AALL08B1, HIGH",
            "ped-all-risk-example-a,    '\"value\": 0.004,', 0.0100000000000000000,  risk-group,      COG_AALL08B1, HIGH",
            // day-8 MRD >= 0.01 % (R-DX-10 rows a and b)
            "ped-all-risk-example-a,    '\"value\": 0.005,', 0.0099999999999999999,  risk-group,      COG_AALL08B1, LOW",
            "ped-all-risk-example-a,    '\"value\": 0.005,', 0.010000000000000000,   risk-group,      COG_AALL08B1, STANDARD",
            // end-of-block-1 MRD >= 0.1 % after a late relapse (R-RR-C3, R-RR-C4)
            "ped-all-relapse-example-c, '\"value\": 0.02,',  0.09999999999999999999, relapse-stratum, COG_AALL1331, LOW",
            "ped-all-relapse-example-c, '\"value\": 0.02,',  0.1000000000000000000,  relapse-stratum, COG_AALL1331, INTERMEDIATE"})
    void valueBelowOrAtThreshold_givesTheCataloguedFinding(String example, String original, String value, String type,
                                                         String scheme, String expected) {
        String service = example.startsWith(RELAPSE) ? RELAPSE : RISK;
        List<JsonNode> findings = call(service, example, original, value);

        assertThat(CardChecks.hasFinding(findings, type, scheme, expected)).as("findings %s", findings).isTrue();
    }

    private List<JsonNode> call(String service, String example, String original, String value) {
        String body = example(example);
        assertThat(body).contains(original);
        HttpResponse<String> response = post("/cds-services/" + service,
                body.replace(original, "\"value\": " + value + ","));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CardChecks.assertValidResponse(json(response));
    }

    private static String example(String name) {
        try {
            return Files.readString(Path.of("fhir-profiles/requests/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
