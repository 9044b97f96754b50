package org.allcds.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.OrderKind;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.DraftOrders;
import org.allcds.profiles.ConceptMapTranslator;
import org.allcds.profiles.ConformanceResources;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DraftOrderMapperTest {

    private static final Code TISAGENLECLEUCEL_ATC = Codes.atc("L01XL04");
    private static final Code BLINATUMOMAB_INGREDIENT = Codes.rxnorm("1597258");
    private static final Code HSCT_PROCEDURE = Codes.snomed("234336002");

    private static MedicationRequest medication(String id, Code code) {
        MedicationRequest mr = new MedicationRequest().setStatus(MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequestIntent.ORDER).setSubject(new Reference("Patient/p1"));
        mr.setMedication(Fhir.concept(code));
        mr.setId(id);
        return mr;
    }

    private static ServiceRequest service(String id, Code code) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequestStatus.DRAFT).setIntent(ServiceRequestIntent.PROPOSAL)
                .setSubject(new Reference("Patient/p1")).setCode(Fhir.concept(code));
        sr.setId(id);
        return sr;
    }

    private static List<Object> mapped(Resource... orders) {
        return new FactMapper().draftOrders(List.of(orders), 0);
    }

    @Test
    void eachKindIsReadFromItsStandardCode() {
        assertThat(mapped(medication("cart-1", TISAGENLECLEUCEL_ATC), medication("blina-1", BLINATUMOMAB_INGREDIENT),
                medication("blina-2", Codes.rxnorm("1597262")), medication("blina-3", Codes.atc("L01FX07")),
                service("hsct-1", HSCT_PROCEDURE), service("hsct-2", Codes.local("hsct-evaluation-referral"))))
                .containsExactly(
                        new DraftOrder(OrderKind.CART_PRODUCT, "MedicationRequest/cart-1", "order"),
                        new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-1", "order"),
                        new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-2", "order"),
                        new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-3", "order"),
                        new DraftOrder(OrderKind.HSCT_REFERRAL, "ServiceRequest/hsct-1", "proposal"),
                        new DraftOrder(OrderKind.HSCT_REFERRAL, "ServiceRequest/hsct-2", "proposal"));
    }

    @Test
    void anUnknownCodeIsAnOrderOfKindOther() {
        assertThat(mapped(medication("vincristine-1", Codes.rxnorm("11202")), new MedicationRequest().setId("no-code")))
                .containsExactly(new DraftOrder(OrderKind.OTHER, "MedicationRequest/vincristine-1", "order"),
                        new DraftOrder(OrderKind.OTHER, "MedicationRequest/no-code", null));
    }

    @Test
    void aContainedMedicationGivesTheCode() {
        MedicationRequest mr = new MedicationRequest().setStatus(MedicationRequestStatus.DRAFT).setIntent(MedicationRequestIntent.ORDER);
        mr.setId("blina-contained");
        Medication blinatumomab = new Medication().setCode(Fhir.concept(BLINATUMOMAB_INGREDIENT));
        blinatumomab.setId("med");
        mr.addContained(blinatumomab);
        mr.setMedication(new Reference("#med"));

        // through a JSON round trip, as the orders arrive
        FhirContext fhir = FhirContext.forR4Cached();
        Resource parsed = (Resource) fhir.newJsonParser().parseResource(fhir.newJsonParser().encodeResourceToString(mr));

        assertThat(mapped(parsed)).containsExactly(new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-contained", "order"));
    }

    /** A Medication entry of draftOrders, named by {@code Medication/id} or by its fullUrl, as a contained one. */
    @Test
    void aMedicationInTheDraftOrdersGivesTheCode() {
        List<Resource> orders = DraftOrders.parse(JsonMapper.builder().build().readTree("""
                {"resourceType": "Bundle", "entry": [
                  {"fullUrl": "http://ehr.example/fhir/Medication/kymriah",
                   "resource": {"resourceType": "Medication", "id": "kymriah",
                                "code": {"coding": [{"system": "http://www.whocc.no/atc", "code": "L01XL04"}]}}},
                  {"fullUrl": "urn:uuid:0c3f5a52-8f0e-4d7a-9b1e-6a2d2f6c1d01",
                   "resource": {"resourceType": "Medication",
                                "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                                     "code": "1597258"}]}}},
                  {"resource": {"resourceType": "MedicationRequest", "id": "cart-1", "status": "draft", "intent": "order",
                                "medicationReference": {"reference": "Medication/kymriah"}}},
                  {"resource": {"resourceType": "MedicationRequest", "id": "blina-1", "status": "draft", "intent": "order",
                                "medicationReference": {"reference": "urn:uuid:0c3f5a52-8f0e-4d7a-9b1e-6a2d2f6c1d01"}}}]}"""));

        assertThat(new FactMapper().draftOrders(orders.stream().filter(DraftOrders::isOrderRead).toList(), 0))
                .containsExactly(new DraftOrder(OrderKind.CART_PRODUCT, "MedicationRequest/cart-1", "order"),
                        new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-1", "order"));
    }

    /** A Medication neither contained nor sent: which product it is cannot be told, and that is reported. */
    @Test
    void aMedicationNotSent_isAnOrderOfKindOther_andReported() {
        MedicationRequest mr = new MedicationRequest().setStatus(MedicationRequestStatus.DRAFT).setIntent(MedicationRequestIntent.ORDER);
        mr.setId("cart-1");
        mr.setMedication(new Reference("Medication/kymriah"));
        MedicationRequest containedMissing = mr.copy().setMedication(new Reference("#med"));
        containedMissing.setId("cart-2");

        assertThat(mapped(mr, containedMissing)).containsExactly(
                new DraftOrder(OrderKind.OTHER, "MedicationRequest/cart-1", "order"),
                new DraftOrder(OrderKind.OTHER, "MedicationRequest/cart-2", "order"),
                new DataQualityIssue("code-not-recognised", "MedicationRequest.medicationReference at"
                        + " context.draftOrders order 1", "MedicationRequest/cart-1"),
                new DataQualityIssue("code-not-recognised", "MedicationRequest.medicationReference at"
                        + " context.draftOrders order 2", "MedicationRequest/cart-2"));
    }

    @Test
    void cancelledOrEnteredInErrorOrdersAreNotUsed() {
        MedicationRequest cancelled = medication("cart-1", TISAGENLECLEUCEL_ATC).setStatus(MedicationRequestStatus.CANCELLED);
        ServiceRequest revoked = service("hsct-1", HSCT_PROCEDURE).setStatus(ServiceRequestStatus.REVOKED);
        ServiceRequest inError = service("hsct-2", HSCT_PROCEDURE).setStatus(ServiceRequestStatus.ENTEREDINERROR);

        assertThat(mapped(cancelled, revoked, inError)).isEmpty();
    }

    @Test
    void anOrderWithoutIdIsCheckedAllTheSame_keyedByItsPlace_andReported() {
        MedicationRequest noId = medication(null, TISAGENLECLEUCEL_ATC);

        assertThat(mapped(medication("blina-1", BLINATUMOMAB_INGREDIENT), noId)).containsExactly(
                new DraftOrder(OrderKind.BLINATUMOMAB, "MedicationRequest/blina-1", "order"),
                new DraftOrder(OrderKind.CART_PRODUCT, "context.draftOrders order 2 (no usable id)", null, "order",
                        "draft order 2 (no id)"),
                new DataQualityIssue("draft-order-without-id", "MedicationRequest.id at context.draftOrders order 2", null));
    }

    @Test
    void anOrderFromTheRequest_withAnIdOutsideTheFhirGrammar_isCheckedWithoutReference_andReportedInvalid() {
        List<Resource> orders = DraftOrders.parse(JsonMapper.builder().build().readTree("""
                {"resourceType": "Bundle", "entry": [
                  {"resource": {"resourceType": "ServiceRequest", "id": "a b/c", "status": "draft", "intent": "order",
                                "code": {"coding": [{"system": "http://snomed.info/sct", "code": "234336002"}]}}}]}"""));

        assertThat(new FactMapper().draftOrders(orders, 0)).containsExactly(
                new DraftOrder(OrderKind.HSCT_REFERRAL, "context.draftOrders.entry[0] (no usable id)", null, "order",
                        "draft order 1 (no id)"),
                new DataQualityIssue("invalid-value", "ServiceRequest.id at context.draftOrders.entry[0]", null));
    }

    @Test
    void anIdTakenFromAUrnFullUrl_isNoReference() {
        MedicationRequest fromFullUrl = medication("urn:uuid:5b0a7c1e-0000-4000-8000-000000000001", TISAGENLECLEUCEL_ATC);

        assertThat(mapped(fromFullUrl)).first().isEqualTo(
                new DraftOrder(OrderKind.CART_PRODUCT, "context.draftOrders order 1 (no usable id)", null, "order",
                        "draft order 1 (no id)"));
    }

    @Test
    void twoOrdersWithOneId_countOnce_theFirstCopy_andAreReported() {
        MedicationRequest cart = medication("cart-1", TISAGENLECLEUCEL_ATC);
        MedicationRequest blinaUnderTheSameId = medication("cart-1", BLINATUMOMAB_INGREDIENT);

        assertThat(mapped(cart, blinaUnderTheSameId)).containsExactly(
                new DraftOrder(OrderKind.CART_PRODUCT, "MedicationRequest/cart-1", "order"),
                new DataQualityIssue("duplicate-resource", "context.draftOrders: 2 orders with this id, one counted;"
                        + " they differ", "MedicationRequest/cart-1"));
    }

    @Test
    void ordersOfAnotherPatientAreReportedByCountOnly() {
        assertThat(new FactMapper().draftOrders(List.of(), 2)).singleElement().isInstanceOfSatisfying(DataQualityIssue.class,
                i -> {
                    assertThat(i.code()).isEqualTo("foreign-subject-excluded");
                    assertThat(i.reference()).isNull();
                    assertThat(i.detail()).contains("2").doesNotContain("Patient/");
                });
    }

    @Test
    void aSiteOrderCodeCountsThroughTheExampleConceptMap() {
        MedicationRequest local = new MedicationRequest().setStatus(MedicationRequestStatus.DRAFT).setIntent(MedicationRequestIntent.ORDER);
        local.setId("cart-local");
        local.setMedication(new CodeableConcept().addCoding(
                new Coding("https://example-hospital.org/fhir/CodeSystem/orders", "CART-TISA", null)));
        ConceptMapTranslator translator = new ConceptMapTranslator(
                ConformanceResources.load(FhirContext.forR4Cached(), Path.of("fhir-profiles")).conceptMaps());

        assertThat(new FactMapper(translator).draftOrders(List.of(local), 0))
                .containsExactly(new DraftOrder(OrderKind.CART_PRODUCT, "MedicationRequest/cart-local", "order"));
        assertThat(mapped(local)).as("without the map the site code means nothing")
                .containsExactly(new DraftOrder(OrderKind.OTHER, "MedicationRequest/cart-local", "order"));
    }
}
