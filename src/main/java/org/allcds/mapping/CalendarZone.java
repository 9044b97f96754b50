package org.allcds.mapping;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * The time zone whose calendar gives a FHIR dateTime or instant its date (clinical-rules E9). {@link #AS_WRITTEN}: the
 * date the value was written with, in the offset it carries (right for an EHR that writes local offsets). A site's zone
 * ({@code allcds.dates.time-zone}): the value's instant is first moved to that zone, so that an EHR writing UTC
 * ({@code 2018-02-10T01:00:00Z} for 20:00 in New York on the 9th) gives the day the clinician saw. A plain date has no
 * time and is never moved.
 */
public final class CalendarZone {

    public static final CalendarZone AS_WRITTEN = new CalendarZone(null);

    private final ZoneId zone;

    private CalendarZone(ZoneId zone) {
        this.zone = zone;
    }

    /** The site's zone; null is {@link #AS_WRITTEN}. */
    public static CalendarZone of(ZoneId zone) {
        return zone == null ? AS_WRITTEN : new CalendarZone(zone);
    }

    /** The site's zone; empty when dates are read as written. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /**
     * The calendar date of a FHIR date, dateTime or instant that has at least a day: as written for a date, or for a
     * value read as written; else the day its instant falls on in the zone.
     */
    public LocalDate date(BaseDateTimeType value) {
        LocalDate written = writtenDate(value.getValueAsString());
        boolean hasTime = value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
        if (zone == null || !hasTime || value.getTimeZone() == null || value.getValue() == null) {
            return written;
        }
        return value.getValue().toInstant().atZone(zone).toLocalDate();
    }

    /**
     * The {@code yyyy-MM-dd} a value starts with, as {@code LocalDate.parse} reads it. Read digit by digit: the mapping
     * asks this of a record's dates many times a call, and the parser builds its parse state each time (about 2 % of a
     * call's CPU and 3 % of its allocation). Any text but ten ASCII digits and dashes of a real day is left to the
     * parser, which answers or fails as before.
     */
    static LocalDate writtenDate(String text) {
        if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text.substring(0, 10));
    }

    /** The number the ASCII digits from {@code from} to {@code to} write; -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Today on {@code clock}: in the zone, or in the clock's own when dates are read as written. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(zone == null ? clock : clock.withZone(zone));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CalendarZone that && Objects.equals(zone, that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(zone);
    }

    @Override
    public String toString() {
        return zone == null ? "as written" : zone.getId();
    }
}
