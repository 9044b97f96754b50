package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A draft order's card whose check lacks inputs says each gap once: the summary says what is lacking and why, the
 * "Missing" line names the inputs, and the note says what to do about the order it names, without the why again. Over
 * every author scenario and worked example.
 */
class OrderCheckNoteTest {

    private static final String ORDER_SIGN = "ped-all-orders";
    private static final String NOT_CHECKED = " could not be checked: ";
    /** What a summary says after an input to say why it cannot be used. */
    private static final List<String> WHY = List.of("contradicted by its work-up", "records conflict", "code not recognised",
            "recognised code", "not yet final");
    private static final Pattern PARENTHESES = Pattern.compile("\\(([^()]+)\\)");

    /** A card not checked, the scenario or request it answers, and its note (the detail's first paragraph). */
    private record NotChecked(String source, Card card, String note) {
    }

    private static List<NotChecked> notChecked;

    @BeforeAll
    static void load() {
        notChecked = CardCorpus.shared().stream().filter(e -> e.service().equals(ORDER_SIGN))
                .flatMap(e -> e.response().cards().stream().filter(c -> c.summary().contains(NOT_CHECKED))
                        .map(c -> new NotChecked(e.name(), c, c.detail().split("\n\n", 2)[0])))
                .toList();
    }

    @Test
    void theNote_neverSaysAgainWhyAnInputTheSummaryNamesCannotBeUsed() {
        assertThat(notChecked).as("order cards whose check lacks inputs").hasSizeGreaterThan(50);
        for (NotChecked c : notChecked) {
            assertThat(qualifiers(c.card().summary())).as("%s: '%s'", c.source(), c.card().summary())
                    .noneMatch(c.note()::contains);
        }
    }

    @Test
    void theNote_namesTheOrder_andWhatToDo() {
        for (NotChecked c : notChecked) {
            assertThat(c.note()).as(c.source()).endsWith(" with the reason.").doesNotContain("needs:");
            draftReference(c.card()).ifPresent(reference -> assertThat(c.note()).as(c.source()).contains(reference));
        }
    }

    /**
     * A check that lacks an input held in a record that cannot be used says why, as the relapse and risk cards say it,
     * and asks what they ask for that record (the relapse and risk scenarios of the same records:
     * relapse/missing-data/relapse-recorded-twice-days-apart.yaml, relapse/specimen/block1-mrd-in-blood-late-marrow-
     * relapse.yaml, risk/integrity/t-immunophenotype-beside-an-undated-b-one.yaml,
     * risk/missing-data/birth-date-after-diagnosis.yaml): never to record an input the record holds.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cart-second-relapse-t-immunophenotype-beside-an-undated-b-one.yaml | 0 | lineage without a full date | Add the full date to the immunophenotype record
            cart-second-relapse-birth-date-after-evaluation-time.yaml | 0 | birth date later than the diagnosis | Correct the birth date
            cart-relapse-recorded-twice-days-apart.yaml | 0 | relapse number unclear (records under 90 days apart) | Say whether the records are one relapse or two
            hsct-referral-relapse-recorded-twice-days-apart.yaml | 0 | relapse number unclear (records under 90 days apart) | Say whether the records are one relapse or two
            orders-block1-mrd-in-blood.yaml | 0 | end-of-block-1 MRD specimen not bone marrow | Check the specimen of the end-of-block-1 MRD
            orders-block1-mrd-in-blood.yaml | 1 | end-of-block-1 MRD specimen not bone marrow | Check the specimen of the end-of-block-1 MRD
            """)
    void anInputHeldInARecordThatCannotBeUsed_isAskedForAsTheRelapseAndRiskCardsAskIt(String scenario, int card,
                                                                                    String why, String ask) {
        Card shown = CardCorpus.responseTo("tests/orders/" + scenario).cards().get(card);

        assertThat(shown.summary()).endsWith(NOT_CHECKED + why);
        assertThat(shown.detail()).startsWith(ask + ", or sign ").doesNotContainPattern("(?i)\\brecord the ")
                .containsPattern("(?m)^\\*\\*Missing:\\*\\* [^(]*\\.$");
    }

    /**
     * The CAR-T label's "Not checked" line says why the input it lacks cannot be used as the summary says it, never
     * "not recorded" for an input the record holds.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cart-second-relapse-t-immunophenotype-beside-an-undated-b-one.yaml | lineage without a full date
            cart-second-relapse-birth-date-after-evaluation-time.yaml | birth date later than the diagnosis (the label's age limits)
            cart-second-relapse-lineage-not-recorded.yaml | lineage not recorded
            """)
    void theCarTLabelNotCheckedLine_givesTheReasonTheSummaryGives(String scenario, String why) {
        Card shown = CardCorpus.responseTo("tests/orders/" + scenario).cards().get(0);

        assertThat(shown.detail()).contains("**Not checked:** CAR-T label (EMA, FDA): " + why + ".");
    }

    /** Relapse records under 90 days apart leave the number open: neither was read, whatever else the card shows. */
    @Test
    void relapseRecordsDaysApart_areNamedNotUsed_neverReadTogether() {
        Card referral = CardCorpus.responseTo("tests/orders/hsct-referral-relapse-recorded-twice-days-apart.yaml")
                .cards().get(0);

        assertThat(referral.detail()).contains("- Not used: Relapse (2019-08-20), under 90 days")
                .contains("- Not used: Relapse (2019-08-13), under 90 days").doesNotContain("Read together");
    }

    /** The parenthesised words of a summary (sites left, the records left out hold, a result waited for), and the why. */
    private static List<String> qualifiers(String summary) {
        List<String> out = new ArrayList<>();
        Matcher m = PARENTHESES.matcher(summary);
        while (m.find()) {
            out.add(m.group(1));
        }
        WHY.stream().filter(summary::contains).forEach(out::add);
        return out;
    }

    private static java.util.Optional<String> draftReference(Card card) {
        return card.suggestions() == null ? java.util.Optional.empty() : card.suggestions().stream()
                .flatMap(s -> s.actions().stream()).filter(a -> "delete".equals(a.type()))
                .map(a -> a.resourceId()).findFirst();
    }
}
