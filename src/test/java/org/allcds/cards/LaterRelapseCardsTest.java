package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * At a second or later relapse the first-relapse strata do not apply (R-REL-06) and the CAR-T label decides what follows
 * (R-TX-CART-01). Where no label can be met, the relapse card leads with the relapse, why and what to do, never with
 * the routine "first-relapse strata do not apply", and nothing on it asks to check the CAR-T eligibility it settled.
 */
class LaterRelapseCardsTest {

    private static final String CD19_NEGATIVE = "CAR-T label not met (CD19-negative disease); discuss with a relapse or"
            + " transplant centre";

    private static Card relapseCardOf(String scenario) {
        return CardCorpus.responseTo("tests/relapse/" + scenario).cards().stream()
                .filter(c -> c.source().topic().code().equals("relapse-classification")).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cart-cd19-negative.yaml                                   | Second relapse: CD19
            cart-only-immunophenotype-undated-cd19-negative.yaml      | Second relapse: CD19
            cd19-negative-then-immunophenotype-without-cd19.yaml      | Second relapse: CD19
            relapse-lineage-switch-cd19-checks-read-the-relapse.yaml  | Second relapse: CD19
            cart-cd19-negative-third-relapse.yaml                     | Third relapse: CD19
            cart-cd19-negative-relapse-number-not-exact.yaml          | Second or later relapse: CD19
            t-all/t-all-second-relapse.yaml                           | Second relapse: CAR-T label not met (T-lineage disease); discuss with a relapse or transplant centre
            thresholds/cart-age-26.yaml                               | Second relapse: CAR-T label not met (age 26 years); discuss with a relapse or transplant centre
            """)
    void aLaterRelapseWhoseCarTLabelIsNotMet_leadsWithTheRelapse_whyAndWhatToDo(String scenario, String summary) {
        Card card = relapseCardOf(scenario);

        assertThat(card.summary()).isEqualTo(summary.replace("CD19", CD19_NEGATIVE))
                .hasSizeLessThan(CardRenderer.MAX_SUMMARY + 1).doesNotContain("first-relapse");
        // the first-relapse strata, which the relapse number alone rules out, are not said: not even as a table row
        assertThat(card.detail()).doesNotContain("| Stratum |", "Check CAR-T eligibility");
    }

    /** The relapse number is said as the records give it: exactly where they do, "or later" where they do not. */
    @Test
    void aRelapseNumberTheRecordsGiveOnlyAsTheFewest_isSaidSoOnTheCard() {
        assertThat(relapseCardOf("cart-cd19-negative-relapse-number-not-exact.yaml").detail())
                .contains("- Relapse: 2021-05-10, isolated marrow, relapse 2 or later\n");
        assertThat(relapseCardOf("cart-cd19-negative.yaml").detail())
                .contains("- Relapse: 2021-05-10, isolated marrow, relapse 2\n");
    }

    /** CD19-negative and T-lineage disease rule out blinatumomab too: the card says so, as the note it replaces did. */
    @ParameterizedTest
    @CsvSource({"cart-cd19-negative.yaml", "t-all/t-all-second-relapse.yaml"})
    void noCd19Target_theCardSaysNoCd19DirectedTherapyApplies(String scenario) {
        assertThat(relapseCardOf(scenario).detail()).startsWith("No CD19-directed therapy applies (blinatumomab, CAR-T).");
    }

    /**
     * No card asks to check the CAR-T eligibility, or refers for CAR-T, when every CAR-T label check on it is not met for
     * a reason the record settles (not met, no input missing).
     */
    @Test
    void noCard_asksToCheckOrRefersForCarT_whenEveryLabelCheckOnItIsSettledAsNotMet() {
        int settled = 0;
        for (CardCorpus.Entry entry : CardCorpus.shared()) {
            for (Card card : entry.response().cards()) {
                List<AllCdsExtension.FindingView> cart = ((AllCdsExtension) card.extension().get(AllCdsExtension.KEY))
                        .findings().stream().filter(f -> f.type().equals("cart-eligibility")).toList();
                if (!cart.isEmpty() && cart.stream().allMatch(f -> f.value().equals("NOT_MET")
                        && (f.missing() == null || f.missing().isEmpty()))) {
                    settled++;
                    assertThat(card.summary() + "\n" + card.detail()).as(entry.name())
                            .doesNotContainIgnoringCase("check CAR-T eligibility").doesNotContain("refer for CAR-T")
                            .doesNotContain("cellular-therapy");
                }
            }
        }
        assertThat(settled).isPositive();
    }

    /**
     * A card that says the disease is T-lineage or CD19-negative (what rules out CD19-directed therapy or every CAR-T
     * label) names the lineage it rests on, with its date, as every card names its inputs.
     */
    @Test
    void aCardThatSaysTheLineage_namesIt() {
        int saying = 0;
        for (CardCorpus.Entry entry : CardCorpus.shared()) {
            for (Card card : entry.response().cards()) {
                if ((card.summary() + card.detail()).matches("(?s).*(T-lineage|CD19-negative) disease.*")) {
                    saying++;
                    assertThat(card.detail()).as(entry.name()).containsPattern("(?m)^- Lineage: ");
                    assertThat(((AllCdsExtension) card.extension().get(AllCdsExtension.KEY)).inputs())
                            .as(entry.name()).anyMatch(i -> i.name().equals("lineage"));
                }
            }
        }
        assertThat(saying).isPositive();
    }

    /**
     * At a second relapse, a refractory one or one after HSCT no first-relapse stratum applies: a card that asks for the
     * lineage says what waits for it there (the CD19-directed checks) and names only the rules that took part.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            second-relapse.yaml            | Lineage (B or T) not known: CD19-directed checks wait for it; record it
            post-hsct-first-relapse.yaml   | Lineage (B or T) not known: CD19-directed checks wait for it; record it
            refractory-first-relapse.yaml  | No second remission after block 1 (marrow blasts ≥ 5 %): refractory relapse; refer for CAR-T/HSCT
            """)
    void aRelapseNoFirstRelapseStratumAppliesTo_withoutItsLineage_saysOnlyWhatWaitsForIt(String scenario, String summary) {
        Card card = CardCorpus.responseTo("tests/relapse/lineage-not-recorded/" + scenario).cards().get(0);

        assertThat(card.summary()).isEqualTo(summary);
        assertThat(card.detail()).contains("**Missing:** lineage.").doesNotContain("differ between B and T")
                .doesNotContain("differ by lineage");
        assertThat(card.detail()).containsPattern("(?m)^Rules: .*R-TX-CART-01").doesNotContain("R-RR-C1");
    }

    /**
     * A refractory relapse for which no CAR-T label can be met (an age outside every label, CD19-negative or T-lineage
     * disease) is referred for HSCT and says why; only where a label may be met does the card refer for CAR-T too.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            thresholds/refractory-age-26.yaml    | refer for HSCT (CAR-T label not met: age 26 years)
            refractory-cd19-negative.yaml        | refer for HSCT (no CD19-directed therapy)
            t-all/t-all-refractory.yaml          | refer for HSCT (no CD19-directed therapy)
            thresholds/refractory-block1-blasts-5.yaml | refer for CAR-T/HSCT
            """)
    void aRefractoryRelapse_isReferredForCarTOnlyWhereALabelMayBeMet(String scenario, String referral) {
        Card card = relapseCardOf(scenario);

        assertThat(card.summary()).startsWith("No second remission after block 1").endsWith(referral)
                .hasSizeLessThan(CardRenderer.MAX_SUMMARY + 1);
        if (!referral.contains("CAR-T/")) {
            assertThat(card.detail()).doesNotContain("cellular-therapy");
        }
    }

    /** Where the records give only the fewest relapses it can be, the CAR-T note says the number as the relapse line. */
    @Test
    void theCarTNote_saysARelapseNumberAsTheRelapseLineSaysIt() {
        Card cart = CardCorpus.responseTo("tests/relapse/missing-data/three-relapse-records-two-a-week-apart.yaml").cards()
                .stream().filter(c -> c.source().topic().code().equals("cart-label")).findFirst().orElseThrow();

        assertThat(cart.detail()).contains("relapse number 2 or later (second or later relapse)")
                .contains("- Relapse: 2019-08-20, isolated marrow, relapse 2 or later\n");
    }

    /** A label not checked for an input the record lacks is no "not met": the card still says what is missing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            missing-data/birth-date-missing-second-relapse.yaml | **Not checked:** CAR-T label (EMA, FDA): birth date not recorded
            lineage-not-recorded/second-relapse.yaml             | **Not checked:** CAR-T label (EMA, FDA): lineage not recorded.
            """)
    void aLaterRelapseWhoseCarTLabelIsNotChecked_saysWhatIsMissing(String scenario, String line) {
        Card card = CardCorpus.responseTo("tests/relapse/" + scenario).cards().get(0);

        assertThat(card.detail()).contains(line).contains("**Missing:**");
        assertThat(card.summary()).doesNotContain("CAR-T label not met");
    }

    /**
     * A refractory second relapse leads with the refractory relapse; the strata, not applicable for two reasons, keep
     * both on the card's line.
     */
    @Test
    void aRefractorySecondRelapse_keepsBothReasonsTheStrataDoNotApply() {
        Card card = relapseCardOf("edge-cases/second-relapse-refractory.yaml");

        assertThat(card.summary()).startsWith("No second remission after block 1");
        assertThat(card.detail()).contains("**Not applicable:** Stratum (COG, BFM): second or later relapse (first-relapse"
                + " strata only); no second remission after block 1 (refractory relapse).");
    }
}
