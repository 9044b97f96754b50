package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cards a clinician reads in five seconds, measured over every author scenario and worked example (order-sign ones
 * with their draft orders): detail median at most 600 characters and none over 1,200, summaries under 140 and never
 * cut, no rule id twice in one card, no internal notes, at most two links, a topic on every card, and per response one
 * main card plus only the cards of their own that docs/cards.md lists. The figures go to
 * {@code target/card-figures.txt} (quoted in the README).
 */
class CardLimitsTest {

    static final int MEDIAN_DETAIL = 600;
    static final int MAX_DETAIL = 1200;
    static final int MAX_CARDS = 3;
    /** Card keys that may make a card of their own (docs/cards.md, "A card of its own"; every draft order checked). */
    static final List<String> OWN_CARD_TOPICS = List.of("cart-label", "blinatumomab-label", "hsct-referral-check",
            "scheme-discordance");
    private static final Pattern RULE_ID = Pattern.compile("\\bR-[A-Z]+(?:-[A-Z0-9]+)+\\b");
    private static final List<String> INTERNAL = List.of("config ", "relapsePrimary", "Letters are", "rows;", "(C-0",
            "Basis: ");

    private static List<CardCorpus.Entry> entries;

    @BeforeAll
    static void load() {
        entries = CardCorpus.shared();
    }

    @Test
    void detailsAreShort_medianAndMaximum() throws IOException {
        List<Integer> lengths = new ArrayList<>();
        entries.forEach(e -> e.response().cards().forEach(c -> lengths.add(c.detail().length())));
        List<Integer> sorted = lengths.stream().sorted().toList();
        int median = sorted.get(sorted.size() / 2);
        int max = sorted.get(sorted.size() - 1);
        writeFigures(sorted, median, max);
        assertThat(median).as("median detail length").isLessThanOrEqualTo(MEDIAN_DETAIL);
        for (CardCorpus.Entry e : entries) {
            for (Card c : e.response().cards()) {
                assertThat(c.detail().length()).as("%s: detail of '%s'", e.name(), c.summary()).isLessThanOrEqualTo(MAX_DETAIL);
            }
        }
    }

    @Test
    void everyCard_hasAShortSummary_noRepeatedRuleId_noInternalNote_topicAndAtMostTwoLinks() {
        for (CardCorpus.Entry e : entries) {
            for (Card c : e.response().cards()) {
                String where = e.name() + ": '" + c.summary() + "'";
                // written to fit, not cut by the renderer's limit: a cut summary loses what the card is about
                assertThat(c.summary()).as(where).hasSizeLessThan(140).doesNotEndWith("…");
                Map<String, Integer> ids = new TreeMap<>();
                Matcher m = RULE_ID.matcher(c.detail());
                while (m.find()) {
                    ids.merge(m.group(), 1, Integer::sum);
                }
                assertThat(ids.values()).as("%s: rule ids in detail %s", where, ids).allMatch(n -> n == 1);
                assertThat(INTERNAL).as(where).noneMatch(c.detail()::contains);
                assertThat(c.links() == null ? 0 : c.links().size()).as(where).isLessThanOrEqualTo(2);
                assertThat(c.source().topic()).as("%s: source.topic", where).isNotNull();
            }
        }
    }

    @Test
    void everyResponse_hasOneMainCard_andOnlyCardsOfTheirOwnThatTheGroupingRulesList() {
        for (CardCorpus.Entry e : entries) {
            List<Card> cards = e.response().cards();
            assertThat(cards.size()).as("%s: cards", e.name()).isLessThanOrEqualTo(MAX_CARDS);
            long others = cards.stream().filter(c -> !OWN_CARD_TOPICS.contains(c.source().topic().code())).count();
            assertThat(others).as("%s: cards that are not a decision of their own", e.name()).isLessThanOrEqualTo(1);
        }
    }

    private static void writeFigures(List<Integer> sorted, int median, int max) throws IOException {
        Map<Integer, Integer> cardsPerResponse = new TreeMap<>();
        entries.forEach(e -> cardsPerResponse.merge(e.response().cards().size(), 1, Integer::sum));
        int summaryMax = entries.stream().flatMap(e -> e.response().cards().stream()).mapToInt(c -> c.summary().length())
                .max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("responses: ").append(entries.size()).append(", cards: ").append(sorted.size()).append('\n');
        out.append("cards per response (cards=responses): ").append(cardsPerResponse).append('\n');
        out.append("detail length: median ").append(median).append(", max ").append(max).append('\n');
        out.append("summary length: max ").append(summaryMax).append('\n');
        for (CardCorpus.Entry e : entries) {
            out.append("\n### ").append(e.name()).append(" [").append(e.service()).append("]\n");
            for (Card c : e.response().cards()) {
                out.append("\n-- ").append(c.indicator()).append(" | ").append(c.summary()).append(" | topic ")
                        .append(c.source().topic().code()).append(" | ").append(c.detail().length()).append(" chars\n")
                        .append(c.detail()).append('\n');
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/card-figures.txt"), out.toString());
    }
}
