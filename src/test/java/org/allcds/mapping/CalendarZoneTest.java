package org.allcds.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The date a value was written with is read as {@code LocalDate.parse} reads its first ten characters: the same day,
 * or the same failure, for every day of leap and common years, days that do not exist, and texts that are no date.
 */
class CalendarZoneTest {

    @Test
    void everyDayOfFourYears_isTheParsersDay() {
        for (LocalDate day = LocalDate.of(1999, 1, 1); day.isBefore(LocalDate.of(2003, 1, 1)); day = day.plusDays(1)) {
            assertReadAsTheParserReads(day.toString());
            assertReadAsTheParserReads(day + "T10:00:00+02:00");
        }
    }

    @Test
    void otherTexts_answerOrFailAsTheParser() {
        List<String> texts = new ArrayList<>(List.of("2024-02-29", "2023-02-29", "2100-02-29", "2000-02-29",
                "0000-01-01", "0004-02-29", "9999-12-31", "2024-00-10", "2024-13-10", "2024-01-00", "2024-01-32",
                "2024-04-31", "2024-06-31", "2024-1-01", "2024/01/01", "+2024-01-0", "-024-01-01", "20a4-01-01",
                "2024-0١-01", "２０２４-01-01", "2024-01-01Z", "2024-01-0 ", " 024-01-01", "2024-01"));
        for (String text : texts) {
            assertReadAsTheParserReads(text);
        }
    }

    private static void assertReadAsTheParserReads(String text) {
        Throwable parserFailure = catchThrowable(() -> LocalDate.parse(text.substring(0, 10)));
        Throwable failure = catchThrowable(() -> CalendarZone.writtenDate(text));
        if (parserFailure == null) {
            assertThat(failure).as(text).isNull();
            assertThat(CalendarZone.writtenDate(text)).as(text).isEqualTo(LocalDate.parse(text.substring(0, 10)));
        } else {
            assertThat(failure).as(text).isNotNull().hasSameClassAs(parserFailure)
                    .hasMessage(parserFailure.getMessage());
        }
    }
}
