package org.allcds.hooks;

import java.time.Instant;
import java.util.List;

/** One validated feedback entry of a {@code {"feedback":[…]}} body. */
public record FeedbackItem(String card, String outcome, List<String> acceptedSuggestions, Coding overrideReason,
                           String userComment, Instant outcomeTimestamp) {
}
