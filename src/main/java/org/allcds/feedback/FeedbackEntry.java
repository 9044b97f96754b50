package org.allcds.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.allcds.hooks.Coding;

/**
 * One feedback entry as stored: the card, the outcome, the override reason (with the display the card offered it
 * under) and the accepted suggestions, when the clinician acted and when the service received it. The same entry sent
 * again (a retry) has the same {@link #key()}: the store keeps it once.
 */
public record FeedbackEntry(String card, String serviceId, String outcome, Coding reason,
                            List<String> acceptedSuggestions, Instant outcomeAt, Instant receivedAt) {
    public FeedbackEntry {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }

    /** What identifies the entry whenever it is sent: all it says but when it was received and the reason's display. */
    String key() {
        return ContentId.of(List.of(this), e -> {
            List<String> parts = new ArrayList<>(Arrays.asList(e.serviceId, e.card, e.outcome, e.outcomeAt.toString(),
                    e.reason == null ? null : e.reason.system(), e.reason == null ? null : e.reason.code()));
            parts.addAll(e.acceptedSuggestions);
            return parts.toArray(String[]::new);
        });
    }
}
