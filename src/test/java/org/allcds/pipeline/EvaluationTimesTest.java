package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import org.allcds.mapping.CalendarZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class EvaluationTimesTest {

    private static final CalendarZone NEW_YORK = CalendarZone.of(ZoneId.of("America/New_York"));

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-18", "2024-07-18T10:00:00Z", "2024-07-18T23:30:00-05:00", "2024-07-18T10:00:00.5+14:00",
            "2016-12-31T23:59:60Z"})
    void aFullDateOrADateTimeWithSecondsAndZone_countsByItsCalendarDateAsWritten(String text) {
        assertThat(EvaluationTimes.parse(text).date()).isEqualTo(LocalDate.parse(text.substring(0, 10)));
    }

    /** E9: with the site's zone set, a dateTime counts by its calendar date there; a date is that day wherever it is. */
    @ParameterizedTest
    @CsvSource({"2024-07-19T01:00:00Z, 2024-07-18", "2024-07-18T23:30:00-04:00, 2024-07-18",
            "2024-07-18T10:00:00.5+14:00, 2024-07-17", "2016-12-31T23:59:60Z, 2016-12-31", "2024-07-19, 2024-07-19"})
    void inTheSiteZone_aDateTimeCountsByItsCalendarDateThere(String text, String date) {
        EvaluationTime at = EvaluationTimes.parse(text, NEW_YORK);

        assertThat(at.date()).isEqualTo(date);
        assertThat(at.asGiven()).isEqualTo(text);
    }

    @Test
    void inTheSiteZone_aRequestsEvaluationTime_andTodayWithoutOne_areDatedThere() {
        Clock evening = Clock.fixed(Instant.parse("2024-07-19T01:00:00Z"), ZoneOffset.UTC);
        ObjectNode extension = JsonNodeFactory.instance.objectNode();
        extension.putObject("org.allcds").put("evaluationTime", "2024-07-19T01:00:00Z");

        assertThat(new EvaluationTimes(evening, NEW_YORK).of(request(extension)).date()).isEqualTo("2024-07-18");
        assertThat(new EvaluationTimes(evening, NEW_YORK).of(request(null)).date()).isEqualTo("2024-07-18");
        assertThat(new EvaluationTimes(evening).of(request(extension)).date()).as("as written").isEqualTo("2024-07-19");
        assertThat(new EvaluationTimes(evening).of(request(null)).date()).as("the clock's zone").isEqualTo("2024-07-19");
    }

    private static CdsRequest request(ObjectNode extension) {
        return new CdsRequest("patient-view", "h1", null, null, JsonNodeFactory.instance.objectNode(), Map.of(), extension);
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
