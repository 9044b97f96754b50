package org.allcds.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allcds.cards.AllCdsExtension;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;

/**
 * What is kept of a card the service issued: no patient data, only its uuid, service, the rules (id and version) and
 * findings it carried, the rule-set hash, the override reasons it offered and when.
 */
public record IssuedCard(String uuid, String serviceId, String ruleSetHash, Instant issuedAt, List<RuleRef> rules,
                         List<FindingRef> findings, List<Coding> offeredReasons) {

    public record RuleRef(String id, String version) {
    }

    public record FindingRef(String type, String scheme, String value) {
    }

    public IssuedCard {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        offeredReasons = offeredReasons == null ? List.of() : List.copyOf(offeredReasons);
    }

    /** The cards of one response; a card without a uuid or without the {@code org.allcds} extension is not kept. */
    static List<IssuedCard> of(String serviceId, List<Card> cards, Instant at) {
        List<IssuedCard> issued = new ArrayList<>();
        for (Card card : cards) {
            Object extension = card.extension() == null ? null : card.extension().get(AllCdsExtension.KEY);
            if (card.uuid() == null || !(extension instanceof AllCdsExtension ext)) {
                continue;
            }
            List<RuleRef> rules = ext.rules() == null ? List.of()
                    : ext.rules().stream().map(r -> new RuleRef(r.id(), r.version())).distinct().toList();
            List<FindingRef> findings = ext.findings() == null ? List.of()
                    : ext.findings().stream().map(f -> new FindingRef(f.type(), f.scheme(), f.value())).toList();
            issued.add(new IssuedCard(card.uuid(), serviceId, ext.ruleSet() == null ? "" : ext.ruleSet().hash(), at,
                    rules, findings, card.overrideReasons()));
        }
        return issued;
    }
}
