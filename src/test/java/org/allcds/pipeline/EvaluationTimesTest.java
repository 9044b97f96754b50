package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.allcds.errors.InvalidCdsRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluationTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-18", "2024-07-18T10:00:00Z", "2024-07-18T23:30:00-05:00", "2024-07-18T10:00:00.5+14:00",
            "2016-12-31T23:59:60Z"})
    void aFullDateOrADateTimeWithSecondsAndZone_countsByItsCalendarDateAsWritten(String text) {
        assertThat(EvaluationTimes.parse(text).date()).isEqualTo(LocalDate.parse(text.substring(0, 10)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024", "2024-07"})
    void aPartialDate_isRefused_sayingADayIsNeeded_notThatItIsInvalid(String text) {
        assertThatThrownBy(() -> EvaluationTimes.parse(text)).isInstanceOf(InvalidCdsRequestException.class)
                .hasMessageContaining(EvaluationTimes.PATH).hasMessageContaining("partial date")
                .hasMessageContaining("full date YYYY-MM-DD").hasMessageContaining("seconds and a time zone")
                .hasMessageNotContaining("not a valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-18T10:00Z", "2024-07-18T10:00:00", "0000-01-01", "0000", "2021-02-30",
            "2024-07-18 10:00:00Z", "24-07-18", "2024-7-18", "", " 2024-07-18"})
    void aValueOutsideTheFhirGrammar_isRefusedNamingThePath(String text) {
        assertThatThrownBy(() -> EvaluationTimes.parse(text)).isInstanceOf(InvalidCdsRequestException.class)
                .hasMessageStartingWith(EvaluationTimes.PATH + " is not a valid FHIR date or dateTime");
    }
}
