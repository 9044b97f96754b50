package org.allcds.pipeline;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.allcds.mapping.CalendarZone;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code allcds.dates.*}: how a FHIR dateTime becomes a calendar date (clinical-rules E9).
 *
 * @param timeZone the site's time zone, an IANA id such as {@code America/New_York}: every dateTime or instant with a
 *                 time is read on that zone's calendar (for an EHR that writes UTC); empty, each is read as written,
 *                 in the offset it carries. An id that is no time zone stops the start, naming the key and the value.
 */
@ConfigurationProperties("allcds.dates")
public record DatesProperties(@DefaultValue("") String timeZone) {

    /** Checked as it is bound, as {@code FhirClientProperties} checks its values: a wrong id stops the start. */
    public DatesProperties {
        calendarZone(timeZone);
    }

    public CalendarZone calendarZone() {
        return calendarZone(timeZone);
    }

    private static CalendarZone calendarZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return CalendarZone.AS_WRITTEN;
        }
        try {
            return CalendarZone.of(ZoneId.of(timeZone.strip()));
        } catch (DateTimeException unknown) {
            // without the cause: start-up reports the deepest one, which would not name the key
            throw new IllegalArgumentException("allcds.dates.time-zone is '" + timeZone + "', which is no time zone: give"
                    + " an IANA id such as America/New_York, or leave it empty to read each date as written");
        }
    }
}
