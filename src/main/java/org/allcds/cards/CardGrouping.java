package org.allcds.cards;

import static org.allcds.facts.DataQualityCodes.DRAFT_ORDER_WITHOUT_ID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Finding;
import org.allcds.facts.Indicator;

/**
 * Which card a finding sits on; the rules are written for rule authors in {@code docs/cards.md}.
 * <ol>
 * <li>A finding on {@link Finding#MAIN_CARD} (the default) sits on the service's one main card: the answer to its
 * clinical question, with everything that qualifies it (other schemes, notes, missing and unusable data).</li>
 * <li>A finding a rule puts on another card key ({@code onCard("cart")}) needs its own decision: findings with the
 * same key share one card.</li>
 * <li>A finding that says something does not apply ({@code NOT_APPLICABLE}, {@code NOT_MET}) is on no card of its
 * own: it joins the extension of the main card (or, without one, of the first card), never its summary or indicator;
 * one that a rule put on a card of its own that is there joins that card's extension instead.
 * Only when nothing else is on any card do these findings make the main card, so that they still reach the EHR.</li>
 * <li>A finding a rule keeps off the cards ({@link Finding#EXTENSION_ONLY}: a record not used that changes nothing) is
 * hosted as a card-less one, and is never shown: no summary, indicator or line. It makes no card, even alone.</li>
 * </ol>
 * Cards are ordered most urgent first, the main card first among equals, then by priority and key.
 */
final class CardGrouping {

    static final Set<String> CARDLESS_VALUES = Set.of("NOT_APPLICABLE", "NOT_MET");
    /** The key under which card-less findings wait for the card that hosts them. */
    private static final String HOSTED = "";
    /** The card key the order rules give an order's card ({@code orderCard} in rules/orders/order-checks.drl). */
    private static final String ORDER_CARD_PREFIX = "order:";

    /** One card's findings: those it shows, and the card-less ones whose home it is. */
    record Group(String key, List<ExplainedFinding> shown, List<ExplainedFinding> cardless) {
        boolean main() {
            return Finding.MAIN_CARD.equals(key);
        }

        Indicator urgency() {
            return shown.stream().map(f -> f.finding().indicator()).reduce(Indicator.INFO, Indicator::max);
        }

        int topPriority() {
            return shown.stream().mapToInt(f -> f.finding().priority()).max().orElse(0);
        }

        /** The finding that gives the card its summary: the highest priority, the first in finding order among equals. */
        ExplainedFinding top() {
            return shown.stream().max(Comparator.comparingInt((ExplainedFinding f) -> f.finding().priority())
                    .thenComparing(FINDING_ORDER.reversed())).orElseThrow();
        }

        List<ExplainedFinding> all() {
            List<ExplainedFinding> all = new ArrayList<>(shown);
            all.addAll(cardless);
            return all;
        }
    }

    static final Comparator<ExplainedFinding> FINDING_ORDER = Comparator
            .comparing((ExplainedFinding f) -> -f.finding().priority())
            .thenComparing(f -> f.finding().type())
            .thenComparing(f -> String.valueOf(f.finding().scheme()))
            .thenComparing(f -> f.finding().value());

    private static final Comparator<Group> CARD_ORDER = Comparator.comparing((Group g) -> g.urgency()).reversed()
            .thenComparing(g -> !g.main())
            .thenComparingInt(g -> -g.topPriority())
            .thenComparing(Group::key);

    private CardGrouping() {
    }

    static boolean isCardless(Finding f) {
        return CARDLESS_VALUES.contains(f.value()) || isExtensionOnly(f);
    }

    /** A finding for the extension only: hosted like a card-less one, shown nowhere in a card's text. */
    static boolean isExtensionOnly(Finding f) {
        return Finding.EXTENSION_ONLY.equals(f.card());
    }

    static List<Group> group(List<ExplainedFinding> findings) {
        Map<String, List<ExplainedFinding>> byKey = new LinkedHashMap<>();
        List<ExplainedFinding> cardless = new ArrayList<>();
        findings.stream().sorted(FINDING_ORDER).forEach(f -> {
            if (isCardless(f.finding())) {
                cardless.add(f);
            } else {
                byKey.computeIfAbsent(f.finding().card(), k -> new ArrayList<>()).add(f);
            }
        });
        if (byKey.isEmpty()) {
            return onlyCardless(cardless);
        }
        // A card-less finding a rule put on a card of its own that exists (the label checks behind an order card) is
        // that card's; the others are the main card's, or the first card's.
        Map<String, List<ExplainedFinding>> cardlessByKey = new LinkedHashMap<>();
        cardless.forEach(f -> cardlessByKey.computeIfAbsent(
                byKey.containsKey(f.finding().card()) ? f.finding().card() : HOSTED, k -> new ArrayList<>()).add(f));
        List<Group> groups = new ArrayList<>(byKey.entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getValue(), cardlessByKey.getOrDefault(e.getKey(), List.of())))
                .sorted(CARD_ORDER).toList());
        int home = groups.stream().filter(Group::main).findFirst().map(groups::indexOf).orElse(0);
        Group host = groups.get(home);
        List<ExplainedFinding> hosted = new ArrayList<>(host.cardless());
        hosted.addAll(cardlessByKey.getOrDefault(HOSTED, List.of()));
        groups.set(home, new Group(host.key(), host.shown(), hosted));
        return withOrdersWithoutIdOnTheirCards(groups);
    }

    /**
     * Not-applicable findings alone make the main card, so that they still reach the EHR, with the extension-only ones
     * in its extension; extension-only findings alone make no card: there is nothing to read.
     */
    private static List<Group> onlyCardless(List<ExplainedFinding> cardless) {
        List<ExplainedFinding> shown = cardless.stream().filter(f -> !isExtensionOnly(f.finding())).toList();
        List<ExplainedFinding> hosted = cardless.stream().filter(f -> isExtensionOnly(f.finding())).toList();
        return shown.isEmpty() ? List.of() : List.of(new Group(Finding.MAIN_CARD, shown, hosted));
    }

    /**
     * "A draft order has no usable id" is shown on that order's own card, whose note already says it cannot remove the
     * order, instead of as a second warning card at order time. Only when it names one order and that order has a
     * card; otherwise (an order that fits its label gets none, or several orders lack ids) it keeps its own card.
     */
    private static List<Group> withOrdersWithoutIdOnTheirCards(List<Group> groups) {
        for (Group group : List.copyOf(groups)) {
            for (ExplainedFinding f : group.shown()) {
                if (!DRAFT_ORDER_WITHOUT_ID.equals(f.finding().value())) {
                    continue;
                }
                List<String> cards = f.inputs().stream().filter(DataQualityIssue.class::isInstance)
                        .map(i -> orderCardOf((DataQualityIssue) i)).distinct().toList();
                // one order: its card; several: each card would show the others' lines, so the finding keeps its own
                Optional<Group> order = cards.size() != 1 ? Optional.empty()
                        : groups.stream().filter(g -> g.key().equals(cards.get(0))).findFirst();
                if (order.isPresent() && !order.get().equals(group)) {
                    move(groups, group, order.get(), f);
                }
            }
        }
        return groups;
    }

    /** The card of the order a "no usable id" issue names ("MedicationRequest.id at context.draftOrders.entry[0]"). */
    private static String orderCardOf(DataQualityIssue issue) {
        String detail = issue.detail() == null ? "" : issue.detail();
        int at = detail.indexOf(" at ");
        return at < 0 ? "" : ORDER_CARD_PREFIX + detail.substring(at + 4) + " (no usable id)";
    }

    private static void move(List<Group> groups, Group from, Group to, ExplainedFinding f) {
        List<ExplainedFinding> left = new ArrayList<>(from.shown());
        left.remove(f);
        List<ExplainedFinding> joined = new ArrayList<>(to.shown());
        joined.add(f);
        // a card left with nothing to show is no card: what it hosted (extension-only copies, say) goes with f
        List<ExplainedFinding> hosted = new ArrayList<>(to.cardless());
        if (left.isEmpty()) {
            hosted.addAll(from.cardless());
        }
        groups.set(groups.indexOf(to), new Group(to.key(), joined, hosted));
        int index = groups.indexOf(from);
        if (left.isEmpty()) {
            groups.remove(index);
        } else {
            groups.set(index, new Group(from.key(), left, from.cardless()));
        }
    }
}
