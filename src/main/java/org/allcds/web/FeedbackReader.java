package org.allcds.web;

import static org.allcds.web.JsonFields.optionalObject;
import static org.allcds.web.JsonFields.optionalString;
import static org.allcds.web.JsonFields.requiredString;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.hooks.Coding;
import org.allcds.hooks.FeedbackItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks a CDS Hooks 2.0 feedback body: {@code {"feedback":[…]}} with invariants cds-fb-1 to cds-fb-3. */
final class FeedbackReader {

    List<FeedbackItem> read(JsonNode body) {
        JsonNode items = JsonFields.member(body, "feedback", "feedback");
        if (items == null) {
            throw new InvalidCdsRequestException("feedback is required: the body must be {\"feedback\": [ … ]}.");
        }
        if (!items.isArray() || items.isEmpty()) {
            throw new InvalidCdsRequestException("feedback must be a non-empty array.");
        }
        List<FeedbackItem> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            result.add(item(items.get(i), "feedback[" + i + "]"));
        }
        return result;
    }

    private static FeedbackItem item(JsonNode item, String path) {
        if (!item.isObject()) {
            throw new InvalidCdsRequestException(path + " must be a JSON object.");
        }
        String card = requiredString(item, "card", path + ".card");
        String outcome = requiredString(item, "outcome", path + ".outcome");
        if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
            throw new InvalidCdsRequestException(path + ".outcome must be 'accepted' or 'overridden'.");
        }
        List<String> accepted = acceptedSuggestions(item, path, outcome);
        ObjectNode override = optionalObject(item, "overrideReason", path + ".overrideReason");
        Coding reason = null;
        String comment = null;
        if (override != null) {
            ObjectNode r = optionalObject(override, "reason", path + ".overrideReason.reason");
            if (r != null) {
                reason = new Coding(requiredString(r, "system", path + ".overrideReason.reason.system"),
                        requiredString(r, "code", path + ".overrideReason.reason.code"),
                        optionalString(r, "display", path + ".overrideReason.reason.display"));
            }
            comment = optionalString(override, "userComment", path + ".overrideReason.userComment");
            if (reason == null && comment == null) {
                throw new InvalidCdsRequestException(path + ".overrideReason needs a reason or a userComment.");
            }
        }
        return new FeedbackItem(card, outcome, accepted, reason, comment, timestamp(item, path));
    }

    private static List<String> acceptedSuggestions(JsonNode item, String path, String outcome) {
        JsonNode list = JsonFields.member(item, "acceptedSuggestions", path + ".acceptedSuggestions");
        if (list == null) {
            if (outcome.equals("accepted")) {
                throw new InvalidCdsRequestException(path + ".acceptedSuggestions is required when outcome is 'accepted'.");
            }
            return List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidCdsRequestException(path + ".acceptedSuggestions must be a non-empty array.");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            if (!s.isObject()) {
                throw new InvalidCdsRequestException(path + ".acceptedSuggestions[" + i + "] must be a JSON object.");
            }
            ids.add(requiredString(s, "id", path + ".acceptedSuggestions[" + i + "].id"));
        }
        return ids;
    }

    private static Instant timestamp(JsonNode item, String path) {
        String text = requiredString(item, "outcomeTimestamp", path + ".outcomeTimestamp");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCdsRequestException(path + ".outcomeTimestamp must be an RFC 3339 date-time, e.g. 2021-12-11T10:05:31Z.");
        }
    }
}
