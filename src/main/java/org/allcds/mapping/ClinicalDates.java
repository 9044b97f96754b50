package org.allcds.mapping;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Quantity;

/** Calendar arithmetic of clinical-rules C-01 and C-02, and FHIR date values as calendar dates (E9). */
final class ClinicalDates {

    private ClinicalDates() {
    }

    /** Completed years by anniversary (C-01): the largest n with birth.plusYears(n) &lt;= date. E1: 2016-02-29 is 10 on 2026-02-28. */
    static int completedYears(LocalDate birth, LocalDate date) {
        requireOrdered(birth, date);
        int years = date.getYear() - birth.getYear();
        while (birth.plusYears(years).isAfter(date)) {
            years--;
        }
        return years;
    }

    /** Completed months by the plusMonths anchor (C-02): the largest n with from.plusMonths(n) &lt;= to. E2: 2019-08-31 to 2021-02-28 is 18. */
    static int completedMonths(LocalDate from, LocalDate to) {
        requireOrdered(from, to);
        int months = (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
        while (from.plusMonths(months).isAfter(to)) {
            months--;
        }
        return months;
    }

    /** True when {@code to} is the month anniversary itself, i.e. from.plusMonths(completedMonths) == to. */
    static boolean onMonthAnniversary(LocalDate from, LocalDate to) {
        return from.plusMonths(completedMonths(from, to)).isEqual(to);
    }

    /**
     * The calendar date of a FHIR date, dateTime or instant in {@code zone} (E9): read as written,
     * {@code 2022-03-14T23:30:00-05:00} is 2022-03-14 even though it is the 15th in UTC; in a site's zone, the day its
     * instant falls on there. Empty when absent or imprecise.
     */
    static Optional<LocalDate> calendarDate(BaseDateTimeType value, CalendarZone zone) {
        if (value == null || value.isEmpty() || value.getPrecision() == null || isImprecise(value)) {
            return Optional.empty();
        }
        String text = value.getValueAsString();
        if (text == null || text.length() < 10) {
            return Optional.empty();
        }
        return Optional.of(zone.date(value));
    }

    /** True for a year or year-month value: too coarse for a birth date or a clinical interval. */
    static boolean isImprecise(BaseDateTimeType value) {
        return value != null && !value.isEmpty() && value.getPrecision() != null
                && value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal();
    }

    /** The first and last day a date covers. */
    record Span(LocalDate first, LocalDate last) {

        /** True when the two share a day (2024 and 2024-05 do; 2024-05 and 2024-07 do not). */
        boolean meets(Span other) {
            return !last.isBefore(other.first) && !other.last.isBefore(first);
        }

        /** The days both cover (2024 and 2024-05: May 2024); none (first after last) when they do not meet. */
        Span overlap(Span other) {
            return new Span(first.isAfter(other.first) ? first : other.first, last.isBefore(other.last) ? last : other.last);
        }
    }

    /**
     * The days a year or year-month value covers ("2017-06": June 1 to June 30, as written, E9); empty for a full date
     * or none. What is known of a record that has no day: enough to place it before a later full date.
     */
    static Optional<Span> span(BaseDateTimeType value) {
        if (!isImprecise(value) || value.getValueAsString() == null) {
            return Optional.empty();
        }
        String text = value.getValueAsString();
        if (value.getPrecision() == TemporalPrecisionEnum.YEAR) {
            java.time.Year year = java.time.Year.parse(text.substring(0, 4));
            return Optional.of(new Span(year.atDay(1), year.atMonth(12).atEndOfMonth()));
        }
        java.time.YearMonth month = java.time.YearMonth.parse(text.substring(0, 7));
        return Optional.of(new Span(month.atDay(1), month.atEndOfMonth()));
    }

    /** UCUM codes of an age's unit, read as the calendar unit that counts it (C-01, C-02). */
    private static final java.util.Map<String, ChronoUnit> AGE_UNITS = java.util.Map.of("a", ChronoUnit.YEARS,
            "mo", ChronoUnit.MONTHS, "wk", ChronoUnit.WEEKS, "d", ChronoUnit.DAYS);

    /**
     * The days an age covers from the birth date, counted as completed units (C-01): "4 a" is from the 4th birthday to
     * the day before the 5th, and so is "4.5 a"; an upper bound ({@code < 5 a}) covers the days from birth. Empty for
     * an age in another unit than years, months, weeks or days in UCUM, or a lower bound ({@code >}).
     */
    static Optional<Span> ageSpan(LocalDate birth, Quantity age) {
        boolean ucum = age != null && (!age.hasSystem() || Codes.UCUM.equals(age.getSystem()));
        ChronoUnit unit = ucum ? AGE_UNITS.get(age.getCode()) : null;
        if (unit == null || !age.hasValue() || age.getValue().signum() < 0) {
            return Optional.empty();
        }
        // 4.5 years is within the fifth year of life, as 4 is
        long completed = age.getValue().setScale(0, RoundingMode.FLOOR).longValueExact();
        LocalDate lastDay = birth.plus(completed + 1, unit).minusDays(1);
        if (!age.hasComparator()) {
            return Optional.of(new Span(birth.plus(completed, unit), lastDay));
        }
        return switch (age.getComparator()) {
            // "< 5 years": from birth to the day before the 5th birthday; "<= 4.5 years": to the end of the fifth year
            case LESS_THAN -> Optional.of(new Span(birth, age.getValue().stripTrailingZeros().scale() <= 0
                    ? birth.plus(completed, unit).minusDays(1) : lastDay));
            case LESS_OR_EQUAL -> Optional.of(new Span(birth, lastDay));
            // "> 5 years" has no last day: it bounds nothing a later entry date could break
            default -> Optional.empty();
        };
    }

    private static void requireOrdered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("interval ends before it starts");
        }
    }
}
