package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A card shows an age's months only where they decide: under two years. */
class AgeCardValueTest {

    @Test
    void underTwoYears_theCardShowsTheMonths() {
        assertThat(new AgeAtDiagnosis(0, 11).cardValue()).isEqualTo("0 y (11 completed months)");
        assertThat(new AgeAtEvaluation(1, 23).cardValue()).isEqualTo("1 y (23 completed months)");
    }

    @Test
    void fromTwoYears_theCardShowsYears_theExtensionStillBoth() {
        assertThat(new AgeAtDiagnosis(2, 24).cardValue()).isEqualTo("2 y");
        assertThat(new AgeAtEvaluation(4, 50).cardValue()).isEqualTo("4 y");
        assertThat(new AgeAtDiagnosis(4, 50).displayValue()).isEqualTo("4 y (50 completed months)");
    }
}
