package org.allcds.cards;

import java.util.ArrayList;
import java.util.List;
import org.allcds.facts.DraftOrder;
import org.allcds.hooks.Action;
import org.allcds.hooks.Card;
import org.allcds.hooks.RandomUuids;
import org.allcds.hooks.Suggestion;

/**
 * Cards about a draft order (order-sign): besides signing anyway with an override reason, the clinician can remove the
 * draft. Such a card gets a suggestion whose single action deletes the draft ({@code type: delete}, its relative
 * reference as {@code resourceId}); the choice is one or none ({@code selectionBehavior: at-most-one}).
 */
public final class OrderCards {

    private OrderCards() {
    }

    public static List<Card> withRemoveSuggestion(List<Card> cards) {
        return cards.stream().map(OrderCards::withRemoveSuggestion).toList();
    }

    private static Card withRemoveSuggestion(Card card) {
        String order = draftOrder(card);
        if (order == null) {
            return card;
        }
        List<Suggestion> suggestions = new ArrayList<>();
        suggestions.add(new Suggestion("Remove the draft order " + order, RandomUuids.next(), null,
                List.of(new Action("delete", "Delete the unsigned draft " + order, null, order))));
        if (card.suggestions() != null) {
            suggestions.addAll(card.suggestions());
        }
        return new Card(card.uuid(), card.summary(), card.detail(), card.indicator(), card.source(), suggestions,
                "at-most-one", card.overrideReasons(), card.links(), card.extension());
    }

    /** The reference of the draft order a card is about, from its extension's inputs; null for other cards. */
    private static String draftOrder(Card card) {
        Object extension = card.extension() == null ? null : card.extension().get(AllCdsExtension.KEY);
        if (!(extension instanceof AllCdsExtension block) || block.inputs() == null) {
            return null;
        }
        return block.inputs().stream().filter(i -> DraftOrder.INPUT_NAME.equals(i.name()) && i.reference() != null)
                .map(AllCdsExtension.InputView::reference).findFirst().orElse(null);
    }
}
