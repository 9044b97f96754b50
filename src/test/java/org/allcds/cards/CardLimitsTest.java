package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cards a clinician reads in five seconds, measured over every author scenario and worked example (order-sign ones
 * with their draft orders): the detail's median and maximum per kind of card ({@link Kind}), summaries under 140 and
 * never cut, no rule id twice in one card, no internal notes, at most two links, a topic on every card, and per
 * response one main card plus only the cards of their own that docs/cards.md lists. The figures go to
 * {@code target/card-figures.txt} (quoted in the README).
 */
class CardLimitsTest {

    /**
     * A card's kind, as the card code tells it: by its topic, a draft order's card (order-sign) by its service. Each kind
     * has its own limits, so that the long cards of one kind cannot hide behind another kind's short ones. The median
     * limit is the kind's median when the limits were set plus about a tenth, rounded up to 50 characters: a few long
     * edge-case scenarios move a median by a few characters, a kind whose cards grow broadly crosses it. The maximum is
     * the kind's longest card then plus about a tenth, rounded up to 50, never above 1,200.
     */
    enum Kind {
        RISK_GROUP("risk group", 650, 1200),
        RELAPSE("relapse", 950, 1200),
        OWN_DECISION("label check or schemes disagreeing", 600, 750),
        ORDER_CHECK("draft order check", 550, 1000),
        MISSING_DATA("missing or unusable data", 550, 700);

        final String words;
        final int medianLimit;
        final int maxLimit;

        Kind(String words, int medianLimit, int maxLimit) {
            this.words = words;
            this.medianLimit = medianLimit;
            this.maxLimit = maxLimit;
        }

        static Kind of(String service, Card card) {
            String topic = card.source().topic().code();
            if (topic.equals("data-completeness")) {
                return MISSING_DATA;
            }
            if (service.equals(ORDER_SIGN_SERVICE)) {
                return ORDER_CHECK;
            }
            return switch (topic) {
                case "risk-at-diagnosis" -> RISK_GROUP;
                case "relapse-classification" -> RELAPSE;
                default -> OWN_DECISION;
            };
        }
    }

    static final String ORDER_SIGN_SERVICE = "ped-all-orders";
    static final int MAX_CARDS = 3;
    /** Card keys that may make a card of their own (docs/cards.md, "A card of its own"; every draft order checked). */
    static final List<String> OWN_CARD_TOPICS = List.of("cart-label", "blinatumomab-label", "hsct-referral-check",
            "scheme-discordance");
    static final Pattern RULE_ID = Pattern.compile("\\bR-[A-Z]+(?:-[A-Z0-9]+)+\\b");
    private static final List<String> INTERNAL = List.of("config ", "relapsePrimary", "Letters are", "rows;", "(C-0",
            "Basis: ");

    private static List<CardCorpus.Entry> entries;

    @BeforeAll
    static void load() {
        entries = CardCorpus.shared();
    }

    @Test
    void detailsAreShort_medianAndMaximumPerKind() throws IOException {
        Map<Kind, KindFigures> figures = figuresByKind();
        writeFigures(figures);
        figures.forEach((kind, f) -> assertThat(f.median()).as("median detail of %s cards", kind.words)
                .isLessThanOrEqualTo(kind.medianLimit));
        for (CardCorpus.Entry e : entries) {
            for (Card c : e.response().cards()) {
                Kind kind = Kind.of(e.service(), c);
                assertThat(c.detail().length()).as("%s: detail of the %s card '%s'", e.name(), kind.words, c.summary())
                        .isLessThanOrEqualTo(kind.maxLimit);
            }
        }
    }

    /** One kind's figures: the responses that have such a card, and the cards' detail lengths, sorted. */
    record KindFigures(int responses, List<Integer> lengths) {
        int median() { return lengths.get(lengths.size() / 2); }
        int max() { return lengths.get(lengths.size() - 1); }
    }

    private static Map<Kind, KindFigures> figuresByKind() {
        Map<Kind, List<Integer>> lengths = new EnumMap<>(Kind.class);
        Map<Kind, Set<String>> responses = new EnumMap<>(Kind.class);
        for (CardCorpus.Entry e : entries) {
            for (Card c : e.response().cards()) {
                Kind kind = Kind.of(e.service(), c);
                lengths.computeIfAbsent(kind, k -> new ArrayList<>()).add(c.detail().length());
                responses.computeIfAbsent(kind, k -> new HashSet<>()).add(e.name());
            }
        }
        Map<Kind, KindFigures> figures = new EnumMap<>(Kind.class);
        lengths.forEach((kind, l) -> figures.put(kind,
                new KindFigures(responses.get(kind).size(), l.stream().sorted().toList())));
        return figures;
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

    private static void writeFigures(Map<Kind, KindFigures> figures) throws IOException {
        List<Integer> sorted = figures.values().stream().flatMap(f -> f.lengths().stream()).sorted().toList();
        Map<Integer, Integer> cardsPerResponse = new TreeMap<>();
        entries.forEach(e -> cardsPerResponse.merge(e.response().cards().size(), 1, Integer::sum));
        int summaryMax = entries.stream().flatMap(e -> e.response().cards().stream()).mapToInt(c -> c.summary().length())
                .max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("responses: ").append(entries.size()).append(", cards: ").append(sorted.size()).append('\n');
        out.append("cards per response (cards=responses): ").append(cardsPerResponse).append('\n');
        out.append("detail length: median ").append(sorted.get(sorted.size() / 2)).append(", max ")
                .append(sorted.get(sorted.size() - 1)).append('\n');
        out.append("detail length by kind (kind: responses, cards, median (limit), max (limit)):\n");
        figures.forEach((kind, f) -> out.append("  ").append(kind.words).append(": ").append(f.responses()).append(", ")
                .append(f.lengths().size()).append(", ").append(f.median()).append(" (").append(kind.medianLimit)
                .append("), ").append(f.max()).append(" (").append(kind.maxLimit).append(")\n"));
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
