package org.allcds.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.allcds.cards.AllCdsExtension;
import org.allcds.hooks.Card;
import org.allcds.hooks.Suggestion;

/**
 * What is kept of a card the service issued: no patient data, only its uuid, service, the rules (id and version) it
 * carried (a list shared by the cards of the same rule combination), the rule-set hash, the override reasons it offered
 * (a list shared by the cards of its service and rule set), the ids of the suggestions it offered and when. Its
 * findings are counted in the metrics when it is issued, not stored: no query reads them.
 */
public record IssuedCard(String uuid, String serviceId, String ruleSetHash, Instant issuedAt, RuleList ruleList,
                         OfferedReasons offeredReasons, List<String> suggestionIds) {

    public record RuleRef(String id, String version) {
    }

    public IssuedCard {
        ruleList = ruleList == null ? RuleList.NONE : ruleList;
        offeredReasons = offeredReasons == null ? OfferedReasons.NONE : offeredReasons;
        suggestionIds = suggestionIds == null ? List.of() : List.copyOf(suggestionIds);
    }

    /** A card that offered no suggestion. */
    public IssuedCard(String uuid, String serviceId, String ruleSetHash, Instant issuedAt, RuleList ruleList,
                      OfferedReasons offeredReasons) {
        this(uuid, serviceId, ruleSetHash, issuedAt, ruleList, offeredReasons, List.of());
    }

    /** A card carrying these rules, as a list of its own (the card log shares one {@link RuleList} per combination). */
    public IssuedCard(String uuid, String serviceId, String ruleSetHash, Instant issuedAt, List<RuleRef> rules,
                      OfferedReasons offeredReasons) {
        this(uuid, serviceId, ruleSetHash, issuedAt, RuleList.of(rules), offeredReasons, List.of());
    }

    /** The rules the card carried, in the order recorded. */
    public List<RuleRef> rules() {
        return ruleList.rules();
    }

    /**
     * The extension this service puts on its cards, for a card the log keeps: one with a uuid and the extension (the
     * cards of this service); null for any other card.
     */
    static AllCdsExtension recordable(Card card) {
        if (card.uuid() == null || card.extension() == null) {
            return null;
        }
        return card.extension().get(AllCdsExtension.KEY) instanceof AllCdsExtension ext ? ext : null;
    }

    /**
     * Turns the cards of responses into what the card log keeps, sharing what repeats from card to card (the list of
     * rule references, the same for every card a rule combination produces, and the override reasons), so that cards
     * waiting to be written hold little besides their uuid.
     */
    static final class Recorder {
        /** Rule lists shared at most; past it a card keeps its own list, as correct, only larger. */
        static final int MAX_RULE_LISTS = 4096;
        private final SharedValues<List<RuleRef>, RuleList> ruleLists = new SharedValues<>(MAX_RULE_LISTS);
        private final OfferedReasons.Registry reasons = new OfferedReasons.Registry();

        /** The cards of one response; a card without a uuid or without the {@code org.allcds} extension is not kept. */
        List<IssuedCard> of(String serviceId, List<Card> cards, Instant at) {
            List<IssuedCard> issued = new ArrayList<>(cards.size());
            for (Card card : cards) {
                AllCdsExtension ext = recordable(card);
                if (ext == null) {
                    continue;
                }
                issued.add(new IssuedCard(card.uuid(), serviceId, ext.ruleSet() == null ? "" : ext.ruleSet().hash(), at,
                        ruleRefs(ext), reasons.of(card.overrideReasons()), suggestionIds(card)));
            }
            return issued;
        }

        private static List<String> suggestionIds(Card card) {
            return card.suggestions() == null ? List.of()
                    : card.suggestions().stream().map(Suggestion::uuid).filter(Objects::nonNull).toList();
        }

        /** The shared list of the card's rules, its id computed once per distinct list. */
        private RuleList ruleRefs(AllCdsExtension ext) {
            if (ext.rules() == null || ext.rules().isEmpty()) {
                return RuleList.NONE;
            }
            // List.copyOf: the key must not change after it is kept, and the record's own List.copyOf keeps it as it is.
            List<RuleRef> refs = List.copyOf(ext.rules().stream().map(r -> new RuleRef(r.id(), r.version())).distinct()
                    .toList());
            return ruleLists.get(refs, RuleList::of);
        }
    }
}
