package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.cards.CardRenderer;
import org.allcds.cards.ClinicalSuggestions;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.hooks.Action;
import org.allcds.hooks.Suggestion;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The resources the cards suggest conform to the output profiles a receiving EHR relies on. */
class SuggestionConformanceTest {

    private static final String BASE = "https://all-cds.org/fhir/StructureDefinition/";
    private static final CardRenderer.Context CONTEXT = new CardRenderer.Context("1.0.0", "0".repeat(64),
            new EvaluationTime(LocalDate.of(2022, 6, 1), "2022-06-01"), "example");

    @Test
    void theSuggestedRiskAssessmentConforms() {
        for (String scheme : List.of("NCI", "COG_AALL08B1")) {
            Action action = only(new ClinicalSuggestions().suggest(List.of(explained(Finding.of("risk-group", scheme, "HIGH"))), CONTEXT));
            assertThat(errors(action, "all-risk-assessment")).as(scheme).isEmpty();
        }
    }

    @Test
    void theSuggestedHsctReferralConforms() {
        Action action = only(new ClinicalSuggestions().suggest(
                List.of(explained(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"))), CONTEXT));
        assertThat(errors(action, "all-service-request")).isEmpty();
    }

    private static ExplainedFinding explained(Finding finding) {
        return new ExplainedFinding(finding, List.of(), List.of());
    }

    private static Action only(List<Suggestion> suggestions) {
        assertThat(suggestions).hasSize(1);
        return suggestions.get(0).actions().get(0);
    }

    private static List<ProfileValidator.Message> errors(Action action, String profile) {
        String json = JsonMapper.builder().build().writeValueAsString(action.resource());
        IBaseResource resource = SharedValidator.FHIR.newJsonParser().parseResource(json);
        return SharedValidator.VALIDATOR.validate(resource, BASE + profile).stream().filter(ProfileValidator.Message::isError).toList();
    }
}
