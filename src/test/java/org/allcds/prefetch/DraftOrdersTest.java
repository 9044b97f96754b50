package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DraftOrdersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBundleWithoutType_asTheSandboxSendsIt_givesItsOrdersAndTheirSubjects() {
        List<Resource> orders = DraftOrders.parse(JSON.readTree("""
                {"resourceType": "Bundle", "entry": [
                  {"resource": {"resourceType": "MedicationRequest", "id": "m1", "status": "draft", "intent": "order",
                                "subject": {"reference": "Patient/p1"}}},
                  {"resource": {"resourceType": "ServiceRequest", "id": "s1", "status": "draft", "intent": "order",
                                "subject": {"reference": "Patient/p2"}}},
                  {"fullUrl": "urn:uuid:no-resource"}]}"""));

        assertThat(orders).extracting(Resource::getIdPart).containsExactly("m1", "s1");
        assertThat(orders).extracting(o -> DraftOrders.subject(o).getReference()).containsExactly("Patient/p1", "Patient/p2");
    }

    @Test
    void somethingOtherThanABundleIsA400NamingTheField() {
        for (String body : new String[] {"[]", "\"orders\"", "{\"resourceType\": \"MedicationRequest\"}",
                "{\"resourceType\": \"Bundle\", \"entry\": \"not a list\"}"}) {
            assertThatThrownBy(() -> DraftOrders.parse(JSON.readTree(body))).as(body)
                    .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("context.draftOrders");
        }
        assertThatThrownBy(() -> DraftOrders.parse(null)).isInstanceOf(InvalidCdsRequestException.class);
    }
}
