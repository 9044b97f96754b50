package org.allcds.pipeline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation time of a call (data-contract §3): the request's {@code extension["org.allcds"].evaluationTime}, a
 * FHIR date or dateTime (its calendar date as written), else today on the server clock.
 */
public final class EvaluationTimes {

    static final String PATH = "extension.org.allcds.evaluationTime";
    private static final Pattern FHIR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Clock clock;

    public EvaluationTimes(Clock clock) {
        this.clock = clock;
    }

    public EvaluationTime of(CdsRequest request) {
        JsonNode block = request.extension() == null ? null : request.extension().get("org.allcds");
        if (block != null && !block.isNull() && !block.isObject()) {
            throw new InvalidCdsRequestException("extension.org.allcds must be an object.");
        }
        JsonNode value = block == null || block.isNull() ? null : block.get("evaluationTime");
        if (value == null || value.isNull()) {
            LocalDate today = LocalDate.now(clock);
            return new EvaluationTime(today, today.toString());
        }
        if (!value.isString()) {
            throw new InvalidCdsRequestException(PATH + " must be a FHIR date or dateTime string, e.g. \"2022-06-01\".");
        }
        return parse(value.asString());
    }

    public static EvaluationTime parse(String text) {
        try {
            if (FHIR_DATE.matcher(text).matches()) {
                return new EvaluationTime(LocalDate.parse(text), text);
            }
            return new EvaluationTime(OffsetDateTime.parse(text).toLocalDate(), text);
        } catch (DateTimeParseException e) {
            throw new InvalidCdsRequestException(PATH + " is not a valid FHIR date or dateTime (e.g. 2022-06-01 or"
                    + " 2022-06-01T10:00:00+02:00).");
        }
    }
}
