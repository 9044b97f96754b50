package org.allcds.prefetch;

import static org.allcds.prefetch.Requests.withContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allcds.hooks.CdsRequest;
import org.junit.jupiter.api.Test;

class PrefetchTemplateTest {

    private static final CdsRequest PATIENT_VIEW = withContext("""
            {"patientId": "1288992", "userId": "Practitioner/abc", "encounterId": "e-1"}""");

    @Test
    void resolve_whenContextTokens_substitutesValues() {
        assertThat(PrefetchTemplate.resolve("Patient/{{context.patientId}}", PATIENT_VIEW)).contains("Patient/1288992");
        assertThat(PrefetchTemplate.resolve("Encounter?patient={{context.patientId}}&_id={{context.encounterId}}",
                PATIENT_VIEW)).contains("Encounter?patient=1288992&_id=e-1");
    }

    @Test
    void resolve_whenTemplateHasNoToken_returnsItUnchanged() {
        assertThat(PrefetchTemplate.resolve("Observation?_count=10", PATIENT_VIEW)).contains("Observation?_count=10");
    }

    @Test
    void resolve_whenValueHasReservedCharacters_urlEncodesIt() {
        // Conformance C22: the template URL "with tokens substituted (URL-encoded)".
        CdsRequest request = withContext("""
                {"patientId": "a b/c&d=e?f#ü"}""");

        assertThat(PrefetchTemplate.resolve("Condition?patient={{context.patientId}}", request))
                .contains("Condition?patient=a%20b%2Fc%26d%3De%3Ff%23%C3%BC");
    }

    @Test
    void resolve_whenTemplateHasCharactersIllegalInUrls_encodesThemButKeepsQuerySyntax() {
        assertThat(PrefetchTemplate.resolve("Observation?patient={{context.patientId}}&code=http://loinc.org|6690-2",
                PATIENT_VIEW)).contains("Observation?patient=1288992&code=http://loinc.org%7C6690-2");
    }

    @Test
    void resolve_whenUserTokenMatchesUserIdType_substitutesTheId() {
        // Spec: "userPractitionerId ... FHIR id of the Practitioner resource for the current user".
        assertThat(PrefetchTemplate.resolve("Practitioner/{{userPractitionerId}}", PATIENT_VIEW))
                .contains("Practitioner/abc");
        assertThat(PrefetchTemplate.resolve("PractitionerRole?_id={{userPractitionerRoleId}}",
                withContext("{\"userId\": \"PractitionerRole/r-1\"}"))).contains("PractitionerRole?_id=r-1");
        assertThat(PrefetchTemplate.resolve("Patient/{{userPatientId}}",
                withContext("{\"userId\": \"Patient/p-1\"}"))).contains("Patient/p-1");
        assertThat(PrefetchTemplate.resolve("RelatedPerson/{{userRelatedPersonId}}",
                withContext("{\"userId\": \"RelatedPerson/rp-1\"}"))).contains("RelatedPerson/rp-1");
    }

    @Test
    void resolve_whenUserIdIsOfAnotherType_isUnresolvable() {
        assertThat(PrefetchTemplate.resolve("Patient/{{userPatientId}}", PATIENT_VIEW)).isEmpty();
        assertThat(PrefetchTemplate.resolve("Practitioner/{{userPractitionerId}}",
                withContext("{\"userId\": \"abc\"}"))).isEmpty();
        assertThat(PrefetchTemplate.resolve("Practitioner/{{userPractitionerId}}", withContext("{}"))).isEmpty();
    }

    @Test
    void resolve_whenContextFieldAbsentOrNotPrimitive_isUnresolvable() {
        // Conformance C33: "{{context.encounterId}} ... when context has no encounterId → the key is unresolvable".
        CdsRequest request = withContext("""
                {"patientId": "1", "draftOrders": {"resourceType": "Bundle"}, "selections": ["a"], "nothing": null}""");

        assertThat(PrefetchTemplate.resolve("Encounter/{{context.encounterId}}", request)).isEmpty();
        assertThat(PrefetchTemplate.resolve("Bundle/{{context.draftOrders}}", request)).isEmpty();
        assertThat(PrefetchTemplate.resolve("X/{{context.selections}}", request)).isEmpty();
        assertThat(PrefetchTemplate.resolve("X/{{context.nothing}}", request)).isEmpty();
        assertThat(PrefetchTemplate.resolve("X/{{context.medication.id}}", request)).isEmpty();
    }

    @Test
    void resolve_whenTokenIsInvalid_isUnresolvable() {
        assertThat(PrefetchTemplate.resolve("Patient/{{patientId}}", withContext("{\"patientId\": \"1\"}"))).isEmpty();
    }

    /** A template of a patient-view service. */
    private static List<String> problems(String template) {
        return PrefetchTemplate.problems(template, "patient-view");
    }

    @Test
    void problems_whenTemplateIsValid_isEmpty() {
        assertThat(problems("Patient/{{context.patientId}}")).isEmpty();
        assertThat(problems(
                "Observation?patient={{context.patientId}}&code:in=http://x/vs&_sort=-date&_count=100")).isEmpty();
        assertThat(problems("PractitionerRole?_id={{userPractitionerRoleId}}")).isEmpty();
    }

    @Test
    void problems_whenTokenIsNotContextFieldOrUserToken_reportsIt() {
        // Spec: a token MUST contain "only the qualified path to a hook context field or one of the following user
        // identifiers: userPractitionerId, userPractitionerRoleId, userPatientId, or userRelatedPersonId".
        assertThat(problems("Patient/{{patientId}}")).singleElement().asString()
                .contains("{{patientId}}");
        assertThat(problems("Medication/{{context.medication.id}}")).hasSize(1);
        assertThat(problems("Patient/{{ context.patientId }}")).hasSize(1);
        assertThat(problems("Observation?date=ge{{today()}}")).hasSize(1);
        assertThat(problems("Patient/{{userId}}")).hasSize(1);
    }

    /**
     * Conformance §2.3 and checklist item 5: only the context fields the hook marks "Prefetch Token: Yes". A misspelt
     * field ({{context.patientID}}) and order-sign's draftOrders were accepted, then published in discovery, and a
     * client skips a template it cannot resolve.
     */
    @Test
    void problems_whenContextFieldIsNoPrefetchTokenOfTheHook_namesItAndTheHooksTokens() {
        String tokens = "; its tokens are {{context.userId}}, {{context.patientId}}, {{context.encounterId}},"
                + " {{userPractitionerId}}, {{userPractitionerRoleId}}, {{userPatientId}}, {{userRelatedPersonId}}.";
        assertThat(problems("Patient/{{context.patientID}}")).containsExactly("Token '{{context.patientID}}' is not a"
                + " prefetch token of hook patient-view (did you mean '{{context.patientId}}'?)" + tokens);
        assertThat(PrefetchTemplate.problems("MedicationRequest?_id={{context.draftOrders}}", "order-sign"))
                .containsExactly("Token '{{context.draftOrders}}' is not a prefetch token of hook order-sign" + tokens);
        assertThat(PrefetchTemplate.problems("Patient/{{context.patientId}}", "order-select")).isEmpty();
        assertThat(problems("Encounter/{{context.encounterId}}")).isEmpty();
        assertThat(problems("Practitioner/{{userPractitionerId}}")).isEmpty();
    }

    @Test
    void problems_whenBracesUnbalanced_reportsIt() {
        assertThat(problems("Patient/{{context.patientId")).singleElement().asString()
                .contains("unbalanced");
    }

    @Test
    void problems_whenIncludeOrRevinclude_reportsIt() {
        // Conformance §2.3/§8 item 5: "no _include".
        assertThat(problems("Observation?patient={{context.patientId}}&_include=Observation:subject"))
                .singleElement().asString().contains("_include");
        assertThat(problems("Patient?_id={{context.patientId}}&_revinclude:iterate=Observation:subject"))
                .singleElement().asString().contains("_revinclude");
        assertThat(problems("Observation?_include_fake=1")).isEmpty();
    }

    @Test
    void problems_whenAbsoluteOrEmpty_reportsIt() {
        assertThat(problems("https://evil.example/Patient/{{context.patientId}}")).hasSize(1);
        assertThat(problems("/Patient/{{context.patientId}}")).hasSize(1);
        assertThat(problems(" ")).hasSize(1);
    }
}
