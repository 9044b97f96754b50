package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrontlineTherapyTest {

    private static final FrontlineTherapy ENDED = new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.of(2017, 2, 10), "Procedure/t");

    /** C-02: completed months by the plusMonths anchor, so 6 months after 2017-02-10 is 2017-08-10, not a day earlier. */
    @Test
    void completedMonthsBefore_countsCompletedMonthsFromTheEnd() {
        assertThat(ENDED.completedMonthsBefore(LocalDate.of(2017, 8, 10), 6)).isTrue();
        assertThat(ENDED.completedMonthsBefore(LocalDate.of(2017, 8, 9), 6)).isFalse();
        assertThat(ENDED.completedMonthsBefore(LocalDate.of(2019, 8, 20), 6)).isTrue();
    }

    /** A therapy still in progress, or one ending after the date, never ended before it. */
    @Test
    void completedMonthsBefore_isFalseForATherapyInProgressOrEndingLater() {
        assertThat(new FrontlineTherapy(TherapyStatus.IN_PROGRESS, null, "Procedure/t")
                .completedMonthsBefore(LocalDate.of(2019, 8, 20), 6)).isFalse();
        assertThat(ENDED.completedMonthsBefore(LocalDate.of(2016, 8, 20), 0)).isFalse();
    }
}
