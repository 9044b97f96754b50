package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Contract §2a D2 for draft orders: only the orders of the patient in context become facts; the others are counted. */
class DraftOrderScopeTest {

    private static final String FHIR_SERVER = "https://ehr.example/fhir";
    private static final ServiceDefinition ORDER_SIGN = new ServiceDefinition("orders", "order-sign", "Orders", "Orders",
            null, Map.of(), List.of("org.allcds.rules.orders"));
    private static final ServiceDefinition PATIENT_VIEW = new ServiceDefinition("risk", "patient-view", "Risk", "Risk",
            null, Map.of(), List.of("org.allcds.rules.risk"));
    private final DraftOrderScope scope = new DraftOrderScope(new FactMapper());

    private static PatientEvaluator.Input input(String fhirServer, String... subjects) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < subjects.length; i++) {
            String subject = subjects[i] == null ? "" : ", \"subject\": {\"reference\": \"" + subjects[i] + "\"}";
            entries.append(i == 0 ? "" : ",").append("""
                    {"resource": {"resourceType": "MedicationRequest", "id": "order-%d", "status": "draft",
                     "intent": "order"%s}}""".formatted(i, subject));
        }
        var context = JsonMapper.builder().build().readTree(
                "{\"patientId\": \"p1\", \"draftOrders\": {\"resourceType\": \"Bundle\", \"entry\": [" + entries + "]}}");
        return new PatientEvaluator.Input(new PatientData(List.of()), new EvaluationTime(LocalDate.of(2020, 1, 1), "2020-01-01"),
                "p1", context, fhirServer);
    }

    private List<Object> facts(ServiceDefinition service, PatientEvaluator.Input input) {
        return scope.facts(service, input.context(), input.fhirServer());
    }

    private static List<String> orders(List<Object> facts) {
        return facts.stream().filter(DraftOrder.class::isInstance).map(f -> ((DraftOrder) f).reference()).toList();
    }

    @Test
    void ordersOfThePatientInContext_relativeVersionedOrUnderTheFhirServer_areUsed() {
        List<Object> facts = facts(ORDER_SIGN, input(FHIR_SERVER, "Patient/p1", "Patient/p1/_history/3",
                FHIR_SERVER + "/Patient/p1"));

        assertThat(orders(facts)).containsExactly("MedicationRequest/order-0", "MedicationRequest/order-1",
                "MedicationRequest/order-2");
        assertThat(facts).noneMatch(DataQualityIssue.class::isInstance);
    }

    @Test
    void ordersOfAnotherPatientOrOfNone_areNeverUsedAndOnlyCounted() {
        List<Object> facts = facts(ORDER_SIGN, input(FHIR_SERVER, "Patient/p2", null, "Patient/p1",
                "https://other.example/fhir/Patient/p1", "Patient/p10"));

        assertThat(orders(facts)).containsExactly("MedicationRequest/order-2");
        assertThat(facts).filteredOn(DataQualityIssue.class::isInstance).singleElement().satisfies(f -> {
            DataQualityIssue issue = (DataQualityIssue) f;
            assertThat(issue.code()).isEqualTo("foreign-subject-excluded");
            assertThat(issue.detail()).contains("4").doesNotContain("p2").doesNotContain("p10");
        });
    }

    @Test
    void anAbsoluteSubjectNeedsTheRequestsFhirServer() {
        assertThat(orders(facts(ORDER_SIGN, input(null, FHIR_SERVER + "/Patient/p1")))).isEmpty();
    }

    @Test
    void hooksWithoutDraftOrdersGetNoOrderFacts() {
        assertThat(facts(PATIENT_VIEW, input(FHIR_SERVER, "Patient/p1"))).isEmpty();
    }

    /** One data-quality finding per code gathers the patient's records of that code too; order-sign names the order's. */
    @Test
    void orderSign_aDataQualityFindingOfAnOrder_carriesOnlyTheOrdersIssues() {
        DataQualityIssue order = new DataQualityIssue("code-not-recognised",
                "MedicationRequest.medicationCodeableConcept.coding at context.draftOrders.entry[0]", "MedicationRequest/cart-1");
        DataQualityIssue record = new DataQualityIssue("code-not-recognised", "Observation.component:cd19.value[x]",
                "Observation/immunophenotype", "Immunophenotype (2015-02-11)");
        List<ExplainedFinding> findings = List.of(new ExplainedFinding(Finding.of("data-quality", "code-not-recognised"),
                List.of(), List.of(order, record)));

        assertThat(DraftOrderScope.reported("order-sign", findings)).singleElement()
                .satisfies(f -> assertThat(f.inputs()).containsExactly(order));
        assertThat(DraftOrderScope.reported("patient-view", findings).get(0).inputs()).containsExactly(order, record);
    }

    @Test
    void orderSign_reportsRecordsLeftOut_foreignOrDatedAfterTheEvaluationTime_andNoOtherPatientFinding() {
        List<ExplainedFinding> findings = List.of(
                new ExplainedFinding(Finding.of("data-quality", "foreign-subject-excluded"), List.of(), List.of()),
                new ExplainedFinding(Finding.of("data-quality", "dated-after-evaluation-time"), List.of(), List.of()),
                new ExplainedFinding(Finding.of("data-quality", "unit-not-convertible"), List.of(), List.of()),
                new ExplainedFinding(Finding.of("nci-risk", "NCI", "HIGH"), List.of(), List.of()));

        assertThat(DraftOrderScope.reported("order-sign", findings)).extracting(f -> f.finding().value())
                .containsExactly("foreign-subject-excluded", "dated-after-evaluation-time");
        assertThat(DraftOrderScope.reported("patient-view", findings)).hasSize(4);
    }
}
