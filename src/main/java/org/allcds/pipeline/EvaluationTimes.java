package org.allcds.pipeline;

import java.time.Clock;
import java.time.LocalDate;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import org.allcds.mapping.CalendarZone;
import org.allcds.prefetch.PrimitiveCheck;
import org.hl7.fhir.r4.model.DateTimeType;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation time of a call (data-contract §3): the request's {@code extension["org.allcds"].evaluationTime}, a
 * full FHIR date or a dateTime (its calendar date in the site's zone, as written without one: E9), else today on the
 * server clock (in the site's zone).
 */
public final class EvaluationTimes {

    private static final String BLOCK = "org.allcds";
    static final String PATH = "extension." + BLOCK + ".evaluationTime";
    private static final int FULL_DATE = "YYYY-MM-DD".length();
    private static final String NEEDED = "it must be a full date YYYY-MM-DD or a dateTime with seconds and a time zone"
            + " (e.g. 2022-06-01 or 2022-06-01T10:00:00+02:00).";

    private final Clock clock;
    private final CalendarZone zone;

    /** Dates read as written. */
    public EvaluationTimes(Clock clock) {
        this(clock, CalendarZone.AS_WRITTEN);
    }

    public EvaluationTimes(Clock clock, CalendarZone zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public EvaluationTime of(CdsRequest request) {
        JsonNode value = given(request.extension());
        if (value == null) {
            LocalDate today = zone.today(clock);
            return new EvaluationTime(today, today.toString());
        }
        if (!value.isString()) {
            throw new InvalidCdsRequestException(PATH + " must be a FHIR date or dateTime string, e.g. \"2022-06-01\".");
        }
        return parse(value.asString(), zone);
    }

    /** The evaluationTime the request gives, or null when it gives none; a JSON null for it or its block is a 400. */
    private static JsonNode given(JsonNode extension) {
        JsonNode block = extension == null ? null : extension.get(BLOCK);
        if (block == null) {
            return null;
        }
        if (block.isNull()) {
            throw InvalidCdsRequestException.nullValue("extension." + BLOCK);
        }
        if (!block.isObject()) {
            throw new InvalidCdsRequestException("extension." + BLOCK + " must be an object.");
        }
        JsonNode value = block.get("evaluationTime");
        if (value != null && value.isNull()) {
            throw InvalidCdsRequestException.nullValue(PATH);
        }
        return value;
    }

    /** As {@link #parse(String, CalendarZone)}, a dateTime's calendar date as written. */
    public static EvaluationTime parse(String text) {
        return parse(text, CalendarZone.AS_WRITTEN);
    }

    /**
     * The text held to FHIR's own grammar (year 0000, a dateTime without seconds or zone and 2021-02-30 are no FHIR
     * values); a valid but partial date is refused too, because every date rule needs a day. A dateTime counts by its
     * calendar date in {@code zone}.
     */
    public static EvaluationTime parse(String text, CalendarZone zone) {
        if (!PrimitiveCheck.isDateTime(text)) {
            throw new InvalidCdsRequestException(PATH + " is not a valid FHIR date or dateTime; " + NEEDED);
        }
        if (text.length() < FULL_DATE) {
            throw new InvalidCdsRequestException(PATH + " is a partial date (a year or a month) but the evaluation needs"
                    + " a day; " + NEEDED);
        }
        // a date has no time to move; a dateTime's first ten characters are its date as written
        boolean moved = text.length() > FULL_DATE && zone.zone().isPresent();
        LocalDate date = moved ? zone.date(new DateTimeType(text)) : LocalDate.parse(text.substring(0, FULL_DATE));
        return new EvaluationTime(date, text);
    }
}
