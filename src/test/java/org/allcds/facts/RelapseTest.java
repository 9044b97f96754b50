package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelapseTest {

    private static Relapse withoutSite(RelapseSite... possible) {
        return new Relapse(LocalDate.parse("2021-02-28"), null, 1, false, "Observation/r", List.of(), List.of(possible));
    }

    @Test
    void aRecordedSite_isTheOnlyPossibleOne() {
        Relapse relapse = new Relapse(LocalDate.parse("2021-02-28"), RelapseSite.COMBINED, 1, false, "Observation/r");

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.COMBINED);
        assertThat(relapse.possibleSitesWords()).isNull();
        assertThat(relapse.marrowOpen()).isFalse();
        assertThat(relapse.cardValue()).isEqualTo("2021-02-28, combined, relapse 1");
    }

    @Test
    void withoutASite_everySiteIsPossible_andTheCardSaysNotRecorded() {
        Relapse relapse = new Relapse(LocalDate.parse("2021-02-28"), null, 1, false, "Observation/r");

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.values());
        assertThat(relapse.possibleSitesWords()).isNull();
        assertThat(relapse.marrowOpen()).isTrue();
        assertThat(relapse.siteDecidesStrata()).isTrue();
        assertThat(relapse.cardValue()).isEqualTo("2021-02-28, site not recorded, relapse 1");
    }

    @Test
    void extramedullarySitesAlone_areOneKindForTheStrata() {
        Relapse relapse = withoutSite(RelapseSite.ISOLATED_CNS_AND_TESTICULAR, RelapseSite.ISOLATED_TESTICULAR);

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.ISOLATED_TESTICULAR,
                RelapseSite.ISOLATED_CNS_AND_TESTICULAR);
        assertThat(relapse.mayBeInTheMarrow()).isFalse();
        assertThat(relapse.siteDecidesStrata()).isFalse();
        assertThat(relapse.possibleSitesWords()).isEqualTo("isolated extramedullary");
        assertThat(relapse.cardValue())
                .isEqualTo("2021-02-28, site not recorded (isolated extramedullary), relapse 1");
        assertThat(relapse.displayValue())
                .isEqualTo("2021-02-28, site not recorded, possible isolated-testicular isolated-cns-and-testicular, relapse 1");
    }

    @Test
    void marrowSites_leaveTheMarrowKnown_butNotTheStrata() {
        Relapse relapse = withoutSite(RelapseSite.COMBINED, RelapseSite.ISOLATED_MARROW);

        assertThat(relapse.marrowOpen()).isFalse();
        assertThat(relapse.siteDecidesStrata()).isTrue();
        assertThat(relapse.possibleSitesWords()).isEqualTo("isolated marrow or combined");
    }

    @Test
    void combinedBesideExtramedullarySites_leaveTheMarrowOpen() {
        Relapse relapse = withoutSite(RelapseSite.ISOLATED_CNS, RelapseSite.COMBINED);

        assertThat(relapse.marrowOpen()).isTrue();
        assertThat(relapse.possibleSitesWords()).isEqualTo("combined or isolated extramedullary");
    }
}
