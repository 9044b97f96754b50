package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allcds.hooks.Card;
import org.allcds.hooks.Suggestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After an allogeneic HSCT that followed the classified relapse, the HSCT step of its pathway is done: the cards say so
 * with the transplant as an input, and neither refer for it again nor ask for a decision it settled.
 */
class TransplantDoneCardsTest {

    private static final String AFTER_LATE_RELAPSE = "tests/relapse/hsct-done/hsct-done-after-late-marrow-relapse.yaml";
    private static final String SCHEMES_DISAGREED = "tests/relapse/hsct-done/hsct-done-after-relapse-schemes-disagreed.yaml";
    private static final String REFERRAL_AFTER = "tests/orders/hsct-referral-after-the-transplant-of-this-relapse.yaml";
    private static final String BY_MONTH = "tests/relapse/hsct-done/hsct-done-by-month-after-the-relapse.yaml";
    private static final String REFERRAL_AFTER_MONTH =
            "tests/orders/hsct-referral-after-a-transplant-of-a-month-after-this-relapse.yaml";

    private static List<Card> cardsOf(String scenario) {
        return CardCorpus.responseTo(scenario).cards();
    }

    private static Card cardOn(String scenario, String topic) {
        return cardsOf(scenario).stream().filter(c -> c.source().topic().code().equals(topic)).findFirst().orElseThrow();
    }

    private static List<String> suggestionLabels(List<Card> cards) {
        return cards.stream().filter(c -> c.suggestions() != null).flatMap(c -> c.suggestions().stream())
                .map(Suggestion::label).toList();
    }

    /**
     * A transplant of a month wholly after the relapse is done "in" that month, as the record gives it: never a day,
     * nor its date called unused.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {AFTER_LATE_RELAPSE + "|on 2019-12-10|2019-12-10", BY_MONTH + "|in 2019-12|2019-12"})
    void theRelapseCard_saysTheTransplantIsDone_withItAsAnInput_andOffersNoReferral(String scenario, String when,
                                                                                      String performed) {
        Card relapse = cardOn(scenario, "relapse-classification");

        assertThat(relapse.summary()).isEqualTo("First relapse (2019-08-20): allogeneic HSCT done " + when);
        assertThat(relapse.detail()).contains("- Allogeneic HSCT: " + performed + "\n")
                .doesNotContain("refer for HSCT", "date without a day");
        assertThat(suggestionLabels(cardsOf(scenario))).doesNotContain("Refer for allogeneic HSCT evaluation");
    }

    /** The MRD indication stands as recorded, but its MRD is from before the transplant; no consolidation before it. */
    @Test
    void theBlinatumomabCard_saysItsMrdIsFromBeforeTheTransplant() {
        Card blinatumomab = cardOn(AFTER_LATE_RELAPSE, "blinatumomab-label");

        assertThat(blinatumomab.summary()).startsWith("MRD ≥ 0.1 % before the HSCT of 2019-12-10:")
                .endsWith("if still MRD-positive and CD19-positive");
        assertThat(blinatumomab.detail()).contains("an MRD after the transplant shows whether the indication still holds")
                .contains("- Allogeneic HSCT: 2019-12-10").doesNotContain("consolidation");
    }

    @Test
    void schemesThatDisagreedOnHsct_standSideBySide_withoutACardAskingForTheDecision() {
        List<Card> cards = cardsOf(SCHEMES_DISAGREED);

        assertThat(cards).extracting(c -> c.source().topic().code()).doesNotContain("scheme-discordance");
        assertThat(cardOn(SCHEMES_DISAGREED, "relapse-classification").detail())
                .contains("| HSCT | indicated | not indicated |");
        assertThat(suggestionLabels(cards)).doesNotContain("Refer for allogeneic HSCT evaluation");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {REFERRAL_AFTER + "|on 2019-12-10", REFERRAL_AFTER_MONTH + "|in 2019-12"})
    void anHsctReferralAfterTheTransplant_getsABriefInformationCardNotingIt(String scenario, String when) {
        Card referral = cardOn(scenario, "hsct-referral-check");

        assertThat(referral.indicator()).isEqualTo("info");
        assertThat(referral.summary()).isEqualTo("HSCT referral: allogeneic HSCT already done " + when + ", after this relapse");
        assertThat(referral.detail()).contains("A second transplant is the treating team's decision")
                .doesNotContain("not indicated", "not met");
    }
}
