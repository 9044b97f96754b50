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

    private static UnrecognisedGeneticResult notRead(LocalDate day) {
        return new UnrecognisedGeneticResult(null, day, "Observation/not-read");
    }

    private static boolean settles(GeneticFinding g, LocalDate day) {
        return g.rulesOutBcrAbl1(notRead(day), RELAPSE, true);
    }

    @Test
    void aBcrAbl1TestOfTheSameSample_settlesASubtypeNotRead_aNoneDetectedOrAnotherBcrAbl1ResultOfTheDayIsItsRival() {
        assertThat(settles(bcrAbl1Absent(UNSETTLED), UNSETTLED)).isTrue();
        assertThat(settles(noneDetected(UNSETTLED), UNSETTLED)).isFalse();
        UnrecognisedGeneticResult fishNotRead = new UnrecognisedGeneticResult(GeneticSubtype.BCR_ABL1, UNSETTLED, "Observation/f");
        assertThat(bcrAbl1Absent(UNSETTLED).rulesOutBcrAbl1(fishNotRead, RELAPSE, true)).as("its answer may be 'detected'")
                .isFalse();
        assertThat(bcrAbl1Absent(RELAPSE.plusDays(3)).rulesOutBcrAbl1(fishNotRead, RELAPSE, true)).as("a later sample")
                .isTrue();
    }

    @Test
    void aLaterSampleOfTheRelapsesMarrow_settlesIt_fromSevenDaysBeforeToThreeDaysAfterTheRelapse() {
        assertThat(settles(bcrAbl1Absent(RELAPSE.plusDays(3)), UNSETTLED)).isTrue();
        assertThat(settles(bcrAbl1Absent(RELAPSE.plusDays(4)), UNSETTLED)).as("reinduction has begun").isFalse();
        assertThat(settles(noneDetected(RELAPSE), DIAGNOSIS)).as("the relapse marrow, after a result at diagnosis").isTrue();
        assertThat(settles(noneDetected(RELAPSE.minusDays(7)), DIAGNOSIS)).isTrue();
        assertThat(settles(noneDetected(RELAPSE.minusDays(8)), DIAGNOSIS)).isFalse();
    }

    @Test
    void aMarrowBesideAnIsolatedExtramedullaryRelapse_orALaterDayAtDiagnosis_settlesNothing() {
        assertThat(bcrAbl1Absent(RELAPSE.plusDays(1)).rulesOutBcrAbl1(notRead(DIAGNOSIS), RELAPSE, false)).isFalse();
        assertThat(bcrAbl1Absent(RELAPSE).rulesOutBcrAbl1(notRead(RELAPSE), RELAPSE, false)).as("its own sample").isTrue();
        assertThat(settles(bcrAbl1Absent(DIAGNOSIS.plusDays(1)), DIAGNOSIS)).as("the diagnosis date may be the entry date")
                .isFalse();
    }

    @Test
    void bcrAbl1Open_namesTheSite_whenOnlyARelapseInTheMarrowWouldSettleIt() {
        List<UnrecognisedGeneticResult> unsettled = List.of(new UnrecognisedGeneticResult(null, DIAGNOSIS, "Observation/g"));
        List<GeneticFinding> relapseMarrowNegative = List.of(bcrAbl1Absent(RELAPSE.plusDays(1)));
        Relapse siteNotRecorded = new Relapse(RELAPSE, null, 1, false, "Observation/r");
        Relapse marrow = new Relapse(RELAPSE, RelapseSite.ISOLATED_MARROW, 1, false, "Observation/r");
        Relapse cns = new Relapse(RELAPSE, RelapseSite.ISOLATED_CNS, 1, false, "Observation/r");

        assertThat(GeneticFinding.bcrAbl1Open(unsettled, relapseMarrowNegative, marrow)).isNull();
        assertThat(GeneticFinding.bcrAbl1Open(unsettled, relapseMarrowNegative, cns)).isEmpty();
        assertThat(GeneticFinding.bcrAbl1Open(unsettled, relapseMarrowNegative, siteNotRecorded)).containsExactly("relapse-site");
        assertThat(GeneticFinding.bcrAbl1Open(unsettled, List.of(), siteNotRecorded)).isEmpty();
        assertThat(GeneticFinding.bcrAbl1Open(List.of(), List.of(), cns)).as("nothing unsettled").isNull();
    }

    /** A site not recorded but narrowed by the record decides as the sites it leaves: in the marrow, or not. */
    @Test
    void bcrAbl1Open_withoutASite_followsTheSitesTheRecordAllows() {
        List<UnrecognisedGeneticResult> unsettled = List.of(new UnrecognisedGeneticResult(null, DIAGNOSIS, "Observation/g"));
        List<GeneticFinding> relapseMarrowNegative = List.of(bcrAbl1Absent(RELAPSE.plusDays(1)));
        Relapse inTheMarrow = new Relapse(RELAPSE, null, 1, false, "Observation/r", List.of(),
                List.of(RelapseSite.ISOLATED_MARROW, RelapseSite.COMBINED));
        Relapse extramedullary = new Relapse(RELAPSE, null, 1, false, "Observation/r", List.of(),
                List.of(RelapseSite.ISOLATED_CNS, RelapseSite.ISOLATED_TESTICULAR));

        assertThat(GeneticFinding.bcrAbl1Open(unsettled, relapseMarrowNegative, inTheMarrow)).isNull();
        assertThat(GeneticFinding.bcrAbl1Open(unsettled, relapseMarrowNegative, extramedullary)).isEmpty();
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
        assertThat(bcrAbl1Absent(RELAPSE).rulesOutBcrAbl1(notRead(null), RELAPSE, true)).isFalse();
    }

    @Test
    void settling_keepsTheResultsThatSettleOne_whateverTheSiteAllows() {
        List<UnrecognisedGeneticResult> unsettled = List.of(notRead(UNSETTLED), notRead(DIAGNOSIS));
        Relapse marrow = new Relapse(RELAPSE, RelapseSite.ISOLATED_MARROW, 1, false, "Observation/r");
        Relapse cns = new Relapse(RELAPSE, RelapseSite.ISOLATED_CNS, 1, false, "Observation/r");
        GeneticFinding ownSample = bcrAbl1Absent(UNSETTLED);
        GeneticFinding relapseMarrow = noneDetected(RELAPSE);
        GeneticFinding earlier = bcrAbl1Absent(DIAGNOSIS.minusDays(1));
        List<GeneticFinding> genetics = List.of(earlier, relapseMarrow, ownSample);

        assertThat(GeneticFinding.settling(unsettled, genetics, marrow)).containsExactly(relapseMarrow, ownSample);
        assertThat(GeneticFinding.settling(unsettled, genetics, cns)).as("no later marrow beside a CNS relapse")
                .containsExactly(ownSample);
        assertThat(GeneticFinding.settling(List.of(), genetics, marrow)).as("nothing to settle").isEmpty();
        assertThat(GeneticFinding.bcrAbl1Open(unsettled, GeneticFinding.settling(unsettled, genetics, marrow), marrow))
                .isEqualTo(GeneticFinding.bcrAbl1Open(unsettled, genetics, marrow));
    }
}
