package org.allcds.web;

import static org.allcds.web.JsonFields.optionalObject;
import static org.allcds.web.JsonFields.optionalString;
import static org.allcds.web.JsonFields.requiredString;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.hooks.Coding;
import org.allcds.hooks.FeedbackItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks a CDS Hooks 2.0 feedback body: {@code {"feedback":[…]}} with invariants cds-fb-1 to cds-fb-3. */
final class FeedbackReader {

    /** date, T, hh:mm:, then seconds, an optional fraction, and the offset, each captured. */
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:)(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

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
        Instant at = rfc3339(text);
        if (at == null) {
            throw new InvalidCdsRequestException(path + ".outcomeTimestamp must be an RFC 3339 date-time, e.g. 2021-12-11T10:05:31Z.");
        }
        return at;
    }

    /**
     * RFC 3339 §5.6 date-time, or null: seconds required, a fraction of any length (read to the nanosecond), a leap
     * second (:60, read as the last nanosecond of its minute), an offset or Z. Java's ISO parser alone takes a time
     * without seconds and years beyond four digits, and refuses the other two.
     */
    static Instant rfc3339(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String fraction = m.group(3) == null ? "" : m.group(3).substring(0, Math.min(m.group(3).length(), 10));
        boolean leap = m.group(2).equals("60");
        try {
            Instant at = OffsetDateTime.parse(m.group(1) + (leap ? "59" : m.group(2)) + fraction + m.group(4)).toInstant();
            return leap ? at.plusNanos(999_999_999L - at.getNano()) : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
