package org.allcds.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

class ClinicalDatesTest {

    private static final CalendarZone AS_WRITTEN = CalendarZone.AS_WRITTEN;
    private static final CalendarZone NEW_YORK = CalendarZone.of(ZoneId.of("America/New_York"));

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void completedYears_bornOnLeapDay_isTenOnTwentyEighthOfFebruary() {
        // E1: plusYears(10) of 2016-02-29 is 2026-02-28; Period.between would say 9
        assertThat(ClinicalDates.completedYears(d("2016-02-29"), d("2026-02-28"))).isEqualTo(10);
    }

    @Test
    void completedYears_bornOnLeapDay_isNineTheDayBefore() {
        assertThat(ClinicalDates.completedYears(d("2016-02-29"), d("2026-02-27"))).isEqualTo(9);
    }

    @Test
    void completedYears_onBirthday_countsTheYear() {
        assertThat(ClinicalDates.completedYears(d("2012-06-15"), d("2022-06-15"))).isEqualTo(10);
    }

    @Test
    void completedYears_dayBeforeBirthday_doesNotCountTheYear() {
        assertThat(ClinicalDates.completedYears(d("2012-06-15"), d("2022-06-14"))).isEqualTo(9);
    }

    @Test
    void completedYears_onBirthDate_isZero() {
        assertThat(ClinicalDates.completedYears(d("2021-05-01"), d("2021-05-01"))).isZero();
    }

    @Test
    void completedMonths_fromMonthEnd_reachesEighteenOnTwentyEighthOfFebruary() {
        // E2: 2019-08-31 plusMonths(18) = 2021-02-28; Period.between would say 17 m 28 d
        assertThat(ClinicalDates.completedMonths(d("2019-08-31"), d("2021-02-28"))).isEqualTo(18);
    }

    @Test
    void completedMonths_dayBeforeAnniversary_isOneLess() {
        assertThat(ClinicalDates.completedMonths(d("2019-08-15"), d("2021-02-14"))).isEqualTo(17);
    }

    @Test
    void completedMonths_fromThirtyFirstOfJanuary_inLeapYear_anniversaryIsTwentyNinthOfFebruary() {
        assertThat(ClinicalDates.completedMonths(d("2020-01-31"), d("2020-02-28"))).isZero();
        assertThat(ClinicalDates.completedMonths(d("2020-01-31"), d("2020-02-29"))).isEqualTo(1);
    }

    @Test
    void completedMonths_fromLeapDay_countsYearsOfMonths() {
        assertThat(ClinicalDates.completedMonths(d("2016-02-29"), d("2026-02-28"))).isEqualTo(120);
    }

    @Test
    void completedMonths_sameDay_isZero() {
        assertThat(ClinicalDates.completedMonths(d("2022-03-14"), d("2022-03-14"))).isZero();
    }

    @Test
    void completedMonths_reversedInterval_isRejected() {
        assertThatThrownBy(() -> ClinicalDates.completedMonths(d("2022-03-14"), d("2022-03-13")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onMonthAnniversary_onTheAnchoredDate_isTrue() {
        assertThat(ClinicalDates.onMonthAnniversary(d("2019-08-31"), d("2021-02-28"))).isTrue();
    }

    @Test
    void onMonthAnniversary_dayAfterTheAnchoredDate_isFalse() {
        assertThat(ClinicalDates.onMonthAnniversary(d("2019-08-31"), d("2021-03-01"))).isFalse();
    }

    @Test
    void onMonthAnniversary_exactlyThirtySixMonths_isTrue() {
        assertThat(ClinicalDates.onMonthAnniversary(d("2018-03-14"), d("2021-03-14"))).isTrue();
    }

    @Test
    void calendarDate_dateTimeLateInTheEvening_keepsTheDateItWasWrittenIn() {
        // E9: 23:30 at -05:00 is already the next day in UTC
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2022-03-14T23:30:00-05:00"), AS_WRITTEN))
                .contains(d("2022-03-14"));
    }

    @Test
    void calendarDate_dateTimeJustAfterMidnightEastOfUtc_keepsTheDateItWasWrittenIn() {
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2022-03-15T00:30:00+01:00"), AS_WRITTEN))
                .contains(d("2022-03-15"));
    }

    @Test
    void calendarDate_fullDate_isThatDate() {
        assertThat(ClinicalDates.calendarDate(new DateType("2016-02-29"), AS_WRITTEN)).contains(d("2016-02-29"));
    }

    @Test
    void calendarDate_instant_keepsItsOffset() {
        assertThat(ClinicalDates.calendarDate(new InstantType("2022-03-14T23:30:00.000-05:00"), AS_WRITTEN))
                .contains(d("2022-03-14"));
    }

    @Test
    void calendarDate_utcInTheSiteZone_isTheDayTheClinicianSaw() {
        // E9: a marrow taken at 20:00 in New York on the 9th, written in UTC on the 10th
        DateTimeType inUtc = new DateTimeType("2018-02-10T01:00:00Z");
        assertThat(ClinicalDates.calendarDate(inUtc, NEW_YORK)).contains(d("2018-02-09"));
        assertThat(ClinicalDates.calendarDate(inUtc, AS_WRITTEN)).as("as written").contains(d("2018-02-10"));
        // east of UTC the late evening is the next day
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2022-03-14T23:30:00Z"),
                CalendarZone.of(ZoneId.of("Europe/Berlin")))).contains(d("2022-03-15"));
    }

    @Test
    void calendarDate_anOffsetOtherThanTheSiteZones_isMovedToIt() {
        assertThat(ClinicalDates.calendarDate(new InstantType("2022-03-14T23:30:00.000-05:00"),
                CalendarZone.of(ZoneId.of("Europe/Berlin")))).contains(d("2022-03-15"));
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2022-03-14T23:30:00-04:00"), NEW_YORK))
                .as("already in the zone's offset").contains(d("2022-03-14"));
    }

    @Test
    void calendarDate_aPlainDate_isNeverMoved() {
        for (String zone : new String[] {"America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"}) {
            assertThat(ClinicalDates.calendarDate(new DateType("2016-02-29"), CalendarZone.of(ZoneId.of(zone))))
                    .as(zone).contains(d("2016-02-29"));
            assertThat(ClinicalDates.calendarDate(new DateTimeType("2016-02-29"), CalendarZone.of(ZoneId.of(zone))))
                    .as(zone + ", a dateTime without a time").contains(d("2016-02-29"));
        }
    }

    @Test
    void calendarDate_followsTheZonesDaylightSavingTime_notOneFixedOffset() {
        // New York leaves EDT (-04:00) for EST (-05:00) at 06:00Z on 2024-11-03: 04:30Z is 00:30 on the 3rd, while a
        // day later the same clock time is 23:30 on the 3rd
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2024-11-03T04:30:00Z"), NEW_YORK)).contains(d("2024-11-03"));
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2024-11-04T04:30:00Z"), NEW_YORK)).contains(d("2024-11-03"));
        // and enters EDT at 07:00Z on 2024-03-10: 04:30Z is 23:30 EST on the 9th before it, 00:30 EDT on the 11th after
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2024-03-10T04:30:00Z"), NEW_YORK)).contains(d("2024-03-09"));
        assertThat(ClinicalDates.calendarDate(new DateTimeType("2024-03-11T04:30:00Z"), NEW_YORK)).contains(d("2024-03-11"));
    }

    @Test
    void calendarDate_yearMonthOnly_isAbsentAndImprecise() {
        DateTimeType partial = new DateTimeType("2022-03");
        assertThat(ClinicalDates.calendarDate(partial, AS_WRITTEN)).isEmpty();
        assertThat(ClinicalDates.isImprecise(partial)).isTrue();
    }

    @Test
    void calendarDate_yearOnly_isImprecise() {
        assertThat(ClinicalDates.isImprecise(new DateType("2016"))).isTrue();
    }

    @Test
    void calendarDate_missingValue_isAbsentButNotImprecise() {
        assertThat(ClinicalDates.calendarDate(null, AS_WRITTEN)).isEmpty();
        assertThat(ClinicalDates.calendarDate(new DateTimeType(), AS_WRITTEN)).isEmpty();
        assertThat(ClinicalDates.isImprecise(new DateTimeType())).isFalse();
    }

    /** Completed units from the birth date (C-01, C-02): an age of 1 month from 31 January ends the day before 31 March. */
    @Test
    void ageSpan_isTheDaysOfThatAgeInCompletedUnits() {
        LocalDate born = LocalDate.parse("2011-01-31");
        assertThat(ClinicalDates.ageSpan(born, ucumAge(4, "a")))
                .contains(new ClinicalDates.Span(LocalDate.parse("2015-01-31"), LocalDate.parse("2016-01-30")));
        assertThat(ClinicalDates.ageSpan(born, ucumAge(1, "mo")))
                .contains(new ClinicalDates.Span(LocalDate.parse("2011-02-28"), LocalDate.parse("2011-03-30")));
        assertThat(ClinicalDates.ageSpan(born, ucumAge(4, "years"))).as("not a UCUM code").isEmpty();
        assertThat(ClinicalDates.ageSpan(born, new Age().setValue(4.5).setCode("a"))).as("within the fifth year")
                .contains(new ClinicalDates.Span(LocalDate.parse("2015-01-31"), LocalDate.parse("2016-01-30")));
        assertThat(ClinicalDates.ageSpan(born, (Quantity) ucumAge(5, "a").setComparator(Quantity.QuantityComparator.LESS_THAN)))
                .as("under 5: from birth").contains(new ClinicalDates.Span(born, LocalDate.parse("2016-01-30")));
        assertThat(ClinicalDates.ageSpan(born, (Quantity) ucumAge(4, "a").setComparator(Quantity.QuantityComparator.LESS_OR_EQUAL)))
                .as("4 or under").contains(new ClinicalDates.Span(born, LocalDate.parse("2016-01-30")));
        assertThat(ClinicalDates.ageSpan(born, (Quantity) ucumAge(5, "a").setComparator(Quantity.QuantityComparator.GREATER_THAN)))
                .as("over 5 has no last day").isEmpty();
    }

    private static Quantity ucumAge(int value, String code) {
        return new Age().setValue(value).setSystem(Codes.UCUM).setCode(code);
    }
}
