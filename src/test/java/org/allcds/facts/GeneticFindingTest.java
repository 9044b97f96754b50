package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which genetics results settle a result that may be BCR::ABL1 (R-REL-07, Ph+ possible at a first relapse). */
class GeneticFindingTest {

    private static final LocalDate DIAGNOSIS = LocalDate.of(2015, 2, 10);
    private static final LocalDate RELAPSE = LocalDate.of(2019, 8, 20);
    private static final LocalDate UNSETTLED = LocalDate.of(2019, 8, 22);

    private static GeneticFinding bcrAbl1Absent(LocalDate date) {
        return new GeneticFinding(GeneticSubtype.BCR_ABL1, false, date, "Observation/fish");
    }

    private static GeneticFinding noneDetected(LocalDate date) {
        return new GeneticFinding(GeneticSubtype.NONE_DETECTED, true, date, "Observation/classification");
    }

    private static boolean settles(GeneticFinding g, LocalDate day) {
        return g.rulesOutBcrAbl1(day, RELAPSE, List.of(DIAGNOSIS));
    }

    @Test
    void aBcrAbl1TestOfTheSameSample_settlesIt_aNoneDetectedOfTheSameDayIsItsRival() {
        assertThat(settles(bcrAbl1Absent(UNSETTLED), UNSETTLED)).isTrue();
        assertThat(settles(noneDetected(UNSETTLED), UNSETTLED)).isFalse();
    }

    @Test
    void aLaterSampleOfTheLeukaemia_settlesIt_fromSevenDaysBeforeToThreeDaysAfterTheRelapseOrTheDiagnosis() {
        assertThat(settles(bcrAbl1Absent(RELAPSE.plusDays(3)), UNSETTLED)).isTrue();
        assertThat(settles(bcrAbl1Absent(RELAPSE.plusDays(4)), UNSETTLED)).as("reinduction has begun").isFalse();
        assertThat(settles(noneDetected(RELAPSE), DIAGNOSIS)).as("the relapse marrow, after a result at diagnosis").isTrue();
        assertThat(settles(noneDetected(DIAGNOSIS.minusDays(7)), DIAGNOSIS.minusDays(8))).isTrue();
        assertThat(settles(noneDetected(DIAGNOSIS.plusDays(4)), DIAGNOSIS)).isFalse();
    }

    @Test
    void anEarlierSample_aMarrowInRemission_anotherFusion_orADayNotKnown_settleNothing() {
        assertThat(settles(bcrAbl1Absent(DIAGNOSIS), UNSETTLED)).as("earlier").isFalse();
        assertThat(settles(bcrAbl1Absent(LocalDate.of(2019, 9, 24)), UNSETTLED)).as("end of block 1").isFalse();
        assertThat(settles(new GeneticFinding(GeneticSubtype.ETV6_RUNX1, false, RELAPSE, "Observation/etv6"), DIAGNOSIS))
                .isFalse();
        assertThat(settles(new GeneticFinding(GeneticSubtype.BCR_ABL1, true, RELAPSE, "Observation/ph"), DIAGNOSIS))
                .isFalse();
        assertThat(settles(bcrAbl1Absent(null), UNSETTLED)).isFalse();
        assertThat(settles(bcrAbl1Absent(RELAPSE), null)).isFalse();
        assertThat(bcrAbl1Absent(RELAPSE).rulesOutBcrAbl1(DIAGNOSIS, null, List.of())).as("no relapse or diagnosis date")
                .isFalse();
    }
}
