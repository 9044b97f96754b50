package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.allcds.errors.InvalidCdsRequestException;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DraftOrdersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FHIR_SERVER = "https://ehr.example/fhir";

    /** A Bundle as the CDS Hooks sandbox sends it: no {@code type}. */
    private static JsonNode bundle(String... subjects) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < subjects.length; i++) {
            String subject = subjects[i] == null ? "" : ", \"subject\": {\"reference\": \"" + subjects[i] + "\"}";
            entries.append(i == 0 ? "" : ",").append("""
                    {"resource": {"resourceType": "MedicationRequest", "id": "order-%d", "status": "draft",
                     "intent": "order"%s}}""".formatted(i, subject));
        }
        return JSON.readTree("{\"resourceType\": \"Bundle\", \"entry\": [" + entries + "]}");
    }

    private static java.util.List<String> ids(DraftOrders.Read read) {
        return read.orders().stream().map(Resource::getIdPart).toList();
    }

    @Test
    void ordersOfThePatientInContextAreKept_relativeOrUnderTheFhirServer() {
        DraftOrders.Read read = DraftOrders.read(bundle("Patient/p1", FHIR_SERVER + "/Patient/p1"), "p1", FHIR_SERVER);

        assertThat(ids(read)).containsExactly("order-0", "order-1");
        assertThat(read.foreign()).isZero();
    }

    @Test
    void ordersOfAnotherPatientOrWithoutSubjectAreLeftOutAndCounted() {
        DraftOrders.Read read = DraftOrders.read(bundle("Patient/p2", null, "Patient/p1",
                "https://other.example/fhir/Patient/p1", "Patient/p10"), "p1", FHIR_SERVER);

        assertThat(ids(read)).containsExactly("order-2");
        assertThat(read.foreign()).isEqualTo(4);
    }

    @Test
    void anAbsoluteSubjectNeedsTheRequestsFhirServer() {
        DraftOrders.Read read = DraftOrders.read(bundle(FHIR_SERVER + "/Patient/p1"), "p1", null);

        assertThat(read.orders()).isEmpty();
        assertThat(read.foreign()).isEqualTo(1);
    }

    @Test
    void somethingOtherThanABundleIsA400NamingTheField() {
        for (String body : new String[] {"[]", "\"orders\"", "{\"resourceType\": \"MedicationRequest\"}",
                "{\"resourceType\": \"Bundle\", \"entry\": \"not a list\"}"}) {
            assertThatThrownBy(() -> DraftOrders.read(JSON.readTree(body), "p1", null)).as(body)
                    .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("context.draftOrders");
        }
    }
}
