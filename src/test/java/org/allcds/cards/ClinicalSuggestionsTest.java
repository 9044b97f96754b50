package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.facts.Hsct;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.hooks.Suggestion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClinicalSuggestionsTest {

    private final ClinicalSuggestions suggestions = new ClinicalSuggestions();
    private final CardRenderer.Context context = new CardRenderer.Context("1.0.0", "0".repeat(64),
            new EvaluationTime(LocalDate.of(2024, 7, 18), "2024-07-18"), "example-a");

    private static ExplainedFinding explained(Finding finding, ClinicalInput... inputs) {
        return new ExplainedFinding(finding, List.of(), List.of(inputs));
    }

    @Test
    void decidedRiskGroup_suggestsAFinalRiskAssessmentWithTheLocalRiskCode() {
        WbcAtDiagnosis wbc = new WbcAtDiagnosis(new java.math.BigDecimal("8.0"), LocalDate.of(2024, 5, 6), "Observation/wbc-a");
        List<Suggestion> out = suggestions.suggest(List.of(
                explained(Finding.of("nci-risk", "NCI", "STANDARD")),
                explained(Finding.of("risk-group", "COG_AALL08B1", "LOW"), wbc)), context);

        assertThat(out).hasSize(1);
        Suggestion s = out.get(0);
        assertThat(UUID.fromString(s.uuid())).isNotNull();
        assertThat(s.label()).isNotBlank();
        assertThat(s.actions()).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo("create"));
        JsonNode ra = s.actions().get(0).resource();
        assertThat(ra.get("resourceType").asString()).isEqualTo("RiskAssessment");
        assertThat(ra.get("status").asString()).isEqualTo("final");
        assertThat(ra.get("subject").get("reference").asString()).isEqualTo("Patient/example-a");
        assertThat(ra.get("method").get("text").asString()).isEqualTo("Risk scheme COG AALL08B1");
        // the CodeSystem's display for the code, as a validator checks it
        assertThat(ra.get("method").get("coding").get(0).get("code").asString()).isEqualTo("cog-aall08b1");
        assertThat(ra.get("method").get("coding").get(0).get("display").asString()).isEqualTo("COG AALL08B1");
        assertThat(ra.get("basis").get(0).get("reference").asString()).isEqualTo("Observation/wbc-a");
        JsonNode risk = ra.get("prediction").get(0).get("qualitativeRisk").get("coding").get(0);
        assertThat(risk.get("system").asString()).isEqualTo("https://all-cds.org/fhir/CodeSystem/all-cds");
        assertThat(risk.get("code").asString()).isEqualTo("low");
    }

    @Test
    void undecidedRiskGroup_suggestsNothing() {
        assertThat(suggestions.suggest(List.of(explained(Finding.of("risk-group", "COG_AALL08B1", "PENDING"))), context)).isEmpty();
        assertThat(suggestions.suggest(List.of(explained(Finding.of("risk-group", "COG_AALL08B1", "INDETERMINATE"))), context)).isEmpty();
    }

    @Test
    void veryHighRisk_usesTheHyphenatedCode() {
        JsonNode ra = suggestions.suggest(List.of(explained(Finding.of("risk-group", "COG_AALL08B1", "VERY_HIGH"))), context)
                .get(0).actions().get(0).resource();
        assertThat(ra.get("prediction").get(0).get("qualitativeRisk").get("coding").get(0).get("code").asString()).isEqualTo("very-high");
    }

    /** An HSCT indicated at the relapse and done after it: nothing to refer for. */
    @Test
    void hsctIndicated_butTheTransplantAfterTheRelapseOnTheCard_suggestsNoReferral() {
        Hsct done = new Hsct(LocalDate.of(2019, 12, 10), true, "Procedure/hsct");
        assertThat(suggestions.suggest(List.of(
                explained(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED")),
                explained(Finding.of("hsct-after-relapse", "DONE"), done)), context)).isEmpty();

        Hsct before = new Hsct(LocalDate.of(2017, 6, 1), false, "Procedure/hsct");
        assertThat(suggestions.suggest(List.of(
                explained(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"), before)), context))
                .as("a transplant before the relapse").hasSize(1);
    }

    @Test
    void hsctIndicated_suggestsOneDraftReferralProposal() {
        List<Suggestion> out = suggestions.suggest(List.of(
                explained(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED")),
                explained(Finding.of("hsct-indication", "BFM_ALLREZ2002", "NOT_INDICATED"))), context);

        assertThat(out).hasSize(1);
        JsonNode sr = out.get(0).actions().get(0).resource();
        assertThat(sr.get("resourceType").asString()).isEqualTo("ServiceRequest");
        assertThat(sr.get("status").asString()).isEqualTo("draft");
        assertThat(sr.get("intent").asString()).isEqualTo("proposal");
        assertThat(sr.get("code").get("text").asString()).isEqualTo("Referral for allogeneic HSCT evaluation");
        assertThat(sr.get("code").get("coding").get(0).get("code").asString()).isEqualTo("hsct-evaluation-referral");
        assertThat(sr.get("subject").get("reference").asString()).isEqualTo("Patient/example-a");
        assertThat(sr.get("reasonCode").get(0).get("text").asString()).contains("COG_AALL1331").doesNotContain("BFM");
    }

    @Test
    void hsctNotIndicatedOrPending_suggestsNothing() {
        assertThat(suggestions.suggest(List.of(
                explained(Finding.of("hsct-indication", "COG_AALL1331", "NOT_INDICATED")),
                explained(Finding.of("hsct-indication", "BFM_ALLREZ2002", "PENDING"))), context)).isEmpty();
    }

    @Test
    void everySuggestionHasItsOwnUuid() {
        List<ExplainedFinding> card = List.of(explained(Finding.of("risk-group", "COG_AALL08B1", "HIGH")));
        assertThat(suggestions.suggest(card, context).get(0).uuid()).isNotEqualTo(suggestions.suggest(card, context).get(0).uuid());
    }
}
