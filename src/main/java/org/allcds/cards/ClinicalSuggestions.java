package org.allcds.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Finding;
import org.allcds.facts.Hsct;
import org.allcds.hooks.Action;
import org.allcds.hooks.RandomUuids;
import org.allcds.hooks.Suggestion;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Suggestions that save the clinician a step: record the risk group as a FHIR R4 {@code RiskAssessment} (a card with a
 * decided {@code risk-group} finding) and propose a referral {@code ServiceRequest} for HSCT evaluation (a card with an
 * {@code hsct-indication} of {@code INDICATED}, unless it shows the HSCT done after the relapse). Codes are from the
 * service's local code system.
 */
public class ClinicalSuggestions implements SuggestionFactory {

    static final String LOCAL = "https://all-cds.org/fhir/CodeSystem/all-cds";
    static final String NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
    /** Local codes of the risk groups (clinical-rules coding table: low, standard, high, very-high). */
    static final Map<String, String> RISK_CODES = Map.of("LOW", "low", "STANDARD", "standard", "HIGH", "high",
            "VERY_HIGH", "very-high");
    private static final Map<String, String> RISK_DISPLAY = Map.of("LOW", "Low risk", "STANDARD", "Standard (average) risk",
            "HIGH", "High risk", "VERY_HIGH", "Very high risk");
    static final String HSCT_REFERRAL = "hsct-evaluation-referral";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public List<Suggestion> suggest(List<ExplainedFinding> cardFindings, CardRenderer.Context context) {
        List<Suggestion> out = new ArrayList<>();
        cardFindings.stream()
                .filter(f -> f.finding().type().equals("risk-group") && RISK_CODES.containsKey(f.finding().value()))
                .findFirst()
                .ifPresent(f -> out.add(riskAssessment(f, context)));
        List<Finding> indicated = cardFindings.stream().map(ExplainedFinding::finding)
                .filter(f -> f.type().equals("hsct-indication") && f.value().equals("INDICATED")).toList();
        if (!indicated.isEmpty() && !transplantDone(cardFindings)) {
            out.add(hsctReferral(indicated, context));
        }
        return out;
    }

    /** The card shows an allogeneic HSCT done after the relapse: the HSCT step is done, there is nothing to refer for. */
    private static boolean transplantDone(List<ExplainedFinding> cardFindings) {
        return cardFindings.stream().flatMap(f -> f.inputs().stream())
                .anyMatch(i -> i instanceof Hsct hsct && hsct.afterRelapse());
    }

    private static Suggestion riskAssessment(ExplainedFinding explained, CardRenderer.Context context) {
        Finding f = explained.finding();
        ObjectNode ra = JSON.objectNode();
        ra.put("resourceType", "RiskAssessment");
        ra.put("status", "final");
        ra.set("subject", reference("Patient/" + context.patientId()));
        ra.put("occurrenceDateTime", context.evaluationTime().date().toString());
        ra.set("code", concept(NCIT, "C167435", "Leukemia Finding", "ALL risk group"));
        // the display as the CodeSystem defines it ("COG AALL08B1"), which a validator checks against the code
        String scheme = ClinicalText.scheme(f.scheme());
        ra.set("method", concept(LOCAL, f.scheme().toLowerCase().replace('_', '-'), scheme, "Risk scheme " + scheme));
        ArrayNode basis = JSON.arrayNode();
        explained.inputs().stream().map(ClinicalInput::reference).filter(Objects::nonNull).distinct().sorted()
                .forEach(r -> basis.add(reference(r)));
        if (!basis.isEmpty()) {
            ra.set("basis", basis);
        }
        ObjectNode prediction = JSON.objectNode();
        prediction.set("qualitativeRisk", concept(LOCAL, RISK_CODES.get(f.value()), RISK_DISPLAY.get(f.value()),
                RISK_DISPLAY.get(f.value()) + " (" + f.scheme() + ")"));
        ra.set("prediction", JSON.arrayNode().add(prediction));
        String label = "Record the risk group (" + RISK_DISPLAY.get(f.value()).toLowerCase() + ", "
                + ClinicalText.scheme(f.scheme()) + ")";
        return new Suggestion(label, RandomUuids.next(), null,
                List.of(new Action("create", "Create a RiskAssessment recording the " + ClinicalText.scheme(f.scheme())
                        + " risk group", ra, null)));
    }

    private static Suggestion hsctReferral(List<Finding> indicated, CardRenderer.Context context) {
        String schemes = String.join(" and ", indicated.stream().map(Finding::scheme).filter(Objects::nonNull).distinct().sorted().toList());
        ObjectNode sr = JSON.objectNode();
        sr.put("resourceType", "ServiceRequest");
        sr.put("status", "draft");
        sr.put("intent", "proposal");
        sr.set("code", concept(LOCAL, HSCT_REFERRAL, "Referral for allogeneic HSCT evaluation", "Referral for allogeneic HSCT evaluation"));
        sr.set("subject", reference("Patient/" + context.patientId()));
        sr.put("authoredOn", context.evaluationTime().date().toString());
        ObjectNode reason = JSON.objectNode();
        reason.put("text", "Allogeneic HSCT indicated by " + schemes + " (ALL-CDS decision support)");
        sr.set("reasonCode", JSON.arrayNode().add(reason));
        return new Suggestion("Refer for allogeneic HSCT evaluation", RandomUuids.next(), null,
                List.of(new Action("create", "Create a draft referral for HSCT evaluation, HLA typing and donor search", sr, null)));
    }

    private static ObjectNode reference(String ref) {
        ObjectNode node = JSON.objectNode();
        node.put("reference", ref);
        return node;
    }

    private static ObjectNode concept(String system, String code, String display, String text) {
        ObjectNode coding = JSON.objectNode();
        coding.put("system", system);
        coding.put("code", code);
        coding.put("display", display);
        ObjectNode concept = JSON.objectNode();
        concept.set("coding", JSON.arrayNode().add(coding));
        concept.put("text", text);
        return concept;
    }
}
