package org.allcds.feedback;

import java.time.Instant;
import java.util.List;
import org.allcds.hooks.Coding;

/**
 * One feedback entry as stored: the card, the outcome, the override reason (with the display the card offered it
 * under) and the accepted suggestions, when the clinician acted and when the service received it.
 */
public record FeedbackEntry(String card, String serviceId, String outcome, Coding reason,
                            List<String> acceptedSuggestions, Instant outcomeAt, Instant receivedAt) {
    public FeedbackEntry {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }
}
