package org.allcds.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * A resource with its clinical calendar date (null when it has none) and, when a time was given, its instant, so
 * that "earliest" and "most recent" do not depend on the order the server returned the resources in; for a date of a
 * month or year, the days it covers ({@code days}, read from the same element as the date).
 */
record Dated<T extends Resource>(T resource, LocalDate date, Instant instant, String reference, ClinicalDates.Span days) {

    /**
     * Undated first (those of a month or year by its first day, then those without any date), then by calendar date,
     * then by time of day, then by reference.
     */
    static <T extends Resource> Comparator<Dated<T>> chronological() {
        return Comparator.<Dated<T>, LocalDate>comparing(Dated::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(d -> d.date() != null ? null : d.span().map(ClinicalDates.Span::first).orElse(null),
                        Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
                .thenComparing(Dated::instant, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Dated::reference, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    static <T extends Resource> Dated<T> of(T resource, BaseDateTimeType value, String element, MappingContext ctx) {
        String reference = MappingContext.reference(resource);
        LocalDate date = ctx.date(value, element, reference).orElse(null);
        return new Dated<>(resource, date, date == null ? null : instant(value), reference,
                date == null ? ClinicalDates.span(value).orElse(null) : null);
    }

    /**
     * As {@link #of}, but a date of a year or month is kept with its days and not reported here: the caller reports it
     * where those days did not place the record (one whose month ended before a later full date is placed by it).
     */
    static <T extends Resource> Dated<T> placeable(T resource, BaseDateTimeType value, String element,
                                                   MappingContext ctx) {
        if (!ClinicalDates.isImprecise(value)) {
            return of(resource, value, element, ctx);
        }
        return new Dated<>(resource, null, null, MappingContext.reference(resource), ClinicalDates.span(value).orElse(null));
    }

    /** The days a date of a month or year covers; empty for a full date, none, or one that is not valid. */
    Optional<ClinicalDates.Span> span() {
        return Optional.ofNullable(days);
    }

    /** The days the record may stand for: its date, or the days of its month or year; empty without either. */
    Optional<ClinicalDates.Span> possibleDays() {
        return date != null ? Optional.of(new ClinicalDates.Span(date, date)) : span();
    }

    /** Where this resource's clinical date is read from, for a report. */
    String dateElement() {
        return resource instanceof Procedure ? "Procedure.performed[x]" : resource.fhirType() + ".effective[x]";
    }

    /** False when the resource carries no clinical date at all (as opposed to one without a day, or not valid). */
    boolean hasDateElement() {
        Type value = resource instanceof Procedure procedure ? procedure.getPerformed()
                : resource instanceof Observation observation ? observation.getEffective() : null;
        return value != null && !value.isEmpty();
    }

    Optional<LocalDate> optionalDate() {
        return Optional.ofNullable(date);
    }

    private static Instant instant(BaseDateTimeType value) {
        boolean hasTime = value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
        return hasTime && value.getValue() != null ? value.getValue().toInstant() : null;
    }
}
