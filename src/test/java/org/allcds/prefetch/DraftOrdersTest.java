package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
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

    /** An order that is no entry object was skipped before, and the order went unchecked. */
    @Test
    void anEntryThatIsNotAnEntry_isA400NamingIt() {
        assertThatThrownBy(() -> DraftOrders.parse(JSON.readTree("""
                {"resourceType": "Bundle", "entry": [{"fullUrl": "urn:uuid:1"}, "MedicationRequest/m1"]}""")))
                .isInstanceOf(InvalidCdsRequestException.class)
                .hasMessage("context.draftOrders.entry[1] is not a Bundle entry (a JSON object).");
        assertThatThrownBy(() -> DraftOrders.parse(JSON.readTree("""
                {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "NoSuchType"}}]}""")))
                .isInstanceOf(InvalidCdsRequestException.class)
                .hasMessage("context.draftOrders.entry[0].resource is not a FHIR R4 resource.");
    }

    @Test
    void anExtremeExponentInAnOrder_isNotExpanded_andTheDoseKeepsItsExactDigits() {
        // Read as the request reader reads bodies: numbers as exact decimals.
        List<Resource> orders = DraftOrders.parse(FhirFetcher.fhirJsonMapper().readTree("""
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "MedicationRequest", "id": "m1", "status": "draft", "intent": "order",
                                "subject": {"reference": "Patient/p1"},
                                "dosageInstruction": [{"doseAndRate": [
                                  {"doseQuantity": {"value": 1e999999, "unit": "mg"}},
                                  {"doseQuantity": {"value": 0.10, "unit": "mg"}}]}]}}]}"""));

        MedicationRequest order = (MedicationRequest) orders.get(0);
        List<Dosage.DosageDoseAndRateComponent> doses = order.getDosageInstructionFirstRep().getDoseAndRate();
        assertThat(doses.get(0).getDoseQuantity().getValueElement().getValueAsString()).hasSizeLessThan(20);
        assertThat(doses.get(0).getDoseQuantity().getValue()).isEqualByComparingTo(new BigDecimal("1e999999"));
        assertThat(doses.get(1).getDoseQuantity().getValue()).isEqualByComparingTo("0.10").hasToString("0.10");
    }
}
