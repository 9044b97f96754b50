package org.allcds.mapping;

import java.time.Clock;
import java.time.LocalDate;
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
        LocalDate written = LocalDate.parse(value.getValueAsString().substring(0, 10));
        boolean hasTime = value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
        if (zone == null || !hasTime || value.getTimeZone() == null || value.getValue() == null) {
            return written;
        }
        return value.getValue().toInstant().atZone(zone).toLocalDate();
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
