package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void withoutASite_everySiteIsPossible_andTheCardSaysUnknown_orNothingBesideAMissingLine() {
        Relapse relapse = new Relapse(LocalDate.parse("2021-02-28"), null, 1, false, "Observation/r");

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.values());
        assertThat(relapse.possibleSitesWords()).isNull();
        assertThat(relapse.marrowOpen()).isTrue();
        assertThat(relapse.siteDecidesStrata()).isTrue();
        assertThat(relapse.cardValue()).isEqualTo("2021-02-28, site unknown, relapse 1");
        assertThat(relapse.cardValueWithoutUnknownSite()).isEqualTo("2021-02-28, relapse 1");
        assertThat(relapse.displayValue()).as("the site may have been sent, in a code not read or in records that conflict")
                .isEqualTo("2021-02-28, site unknown, relapse 1");
    }

    @Test
    void extramedullarySitesAlone_areOneKindForTheStrata() {
        Relapse relapse = withoutSite(RelapseSite.ISOLATED_CNS_AND_TESTICULAR, RelapseSite.ISOLATED_TESTICULAR);

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.ISOLATED_TESTICULAR,
                RelapseSite.ISOLATED_CNS_AND_TESTICULAR);
        assertThat(relapse.mayBeInTheMarrow()).isFalse();
        assertThat(relapse.siteDecidesStrata()).isFalse();
        assertThat(relapse.possibleSitesWords()).isEqualTo("isolated extramedullary");
        assertThat(relapse.cardValue()).isEqualTo("2021-02-28, site isolated extramedullary, relapse 1");
        assertThat(relapse.cardValueWithoutUnknownSite()).as("what the record allows, even beside a Missing line")
                .isEqualTo("2021-02-28, site isolated extramedullary, relapse 1");
        assertThat(relapse.displayValue())
                .isEqualTo("2021-02-28, site unknown, possible isolated-testicular isolated-cns-and-testicular, relapse 1");
    }

    /** Marrow open, strata open, and the words a card says, by the sites the record allows. */
    @ParameterizedTest
    @CsvSource({"COMBINED;ISOLATED_MARROW,false,true,isolated marrow or combined",
            "ISOLATED_CNS;COMBINED,true,true,combined or isolated extramedullary",
            "COMBINED,false,false,combined"})
    void possibleSites_tellWhetherTheMarrowAndTheStrataAreOpen(String sites, boolean marrowOpen, boolean strataOpen,
                                                              String words) {
        Relapse relapse = withoutSite(Stream.of(sites.split(";")).map(RelapseSite::valueOf).toArray(RelapseSite[]::new));

        assertThat(relapse.marrowOpen()).isEqualTo(marrowOpen);
        assertThat(relapse.siteDecidesStrata()).isEqualTo(strataOpen);
        assertThat(relapse.possibleSitesWords()).isEqualTo(words);
    }

    /**
     * Which relapse this is, in words that lead a card: by its number where the records give it, "or later" where they
     * give only the fewest relapses it can be (two records days apart may be one relapse or two).
     */
    @ParameterizedTest
    @CsvSource({"1,true,First relapse", "2,true,Second relapse", "3,true,Third relapse", "5,true,Fifth relapse",
            "6,true,Relapse 6", "2,false,Second or later relapse", "3,false,Third or later relapse",
            "6,false,Relapse 6 or later"})
    void theRelapseNumberInWords_saysOrLater_onlyWhereTheRecordsDoNotGiveItExactly(int number, boolean exact,
                                                                                   String words) {
        Relapse relapse = new Relapse(LocalDate.parse("2021-02-28"), RelapseSite.COMBINED, number, false,
                "Observation/r", List.of(), List.of(), exact);

        assertThat(relapse.numberWords()).isEqualTo(words);
    }

    @Test
    void aNumberTheRecordsGiveOnlyAsTheFewest_isSaidSoOnTheCard_andAsItIsInTheExtension() {
        Relapse relapse = new Relapse(LocalDate.parse("2021-02-28"), RelapseSite.COMBINED, 2, false, "Observation/r",
                List.of(), List.of(), false);

        assertThat(relapse.cardValue()).isEqualTo("2021-02-28, combined, relapse 2 or later");
        assertThat(relapse.displayValue()).isEqualTo("2021-02-28, combined, relapse 2");
        assertThat(relapse.numberText()).as("as a rule's words give it").isEqualTo("2 or later");
    }

    @Test
    void aRelapseByDefault_hasTheNumberItIsGiven() {
        assertThat(new Relapse(LocalDate.parse("2021-02-28"), RelapseSite.COMBINED, 2, false, "Observation/r")
                .numberExact()).isTrue();
    }
}
