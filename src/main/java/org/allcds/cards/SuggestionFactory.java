package org.allcds.cards;

import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.hooks.Suggestion;

/** Suggestions for a card's findings (e.g. record a RiskAssessment, request an HSCT referral); none by default. */
public interface SuggestionFactory {

    List<Suggestion> suggest(List<ExplainedFinding> cardFindings, CardRenderer.Context context);

    SuggestionFactory NONE = (findings, context) -> List.of();
}
