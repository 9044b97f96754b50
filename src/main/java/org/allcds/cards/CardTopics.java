package org.allcds.cards;

import java.util.Map;
import org.allcds.cards.CardGrouping.Group;
import org.allcds.facts.Finding;
import org.allcds.facts.OrderKind;
import org.allcds.hooks.Coding;

/**
 * A card's {@code source.topic}: a code of the local CodeSystem (concepts under {@code card-topic}), so that an EHR can
 * filter and count cards by clinical question. A card that needs its own decision takes its topic from its card key,
 * the main card from its leading finding's type, a draft order's card from the kind of order.
 */
final class CardTopics {

    /** The finding type of a draft order's check (order-sign). */
    static final String ORDER_CHECK = "order-check";

    /** A finding of a clinical scheme: a draft order's check is not one, although its "scheme" is the kind of order. */
    static boolean ofAScheme(Finding f) {
        return f.scheme() != null && !f.type().equals(ORDER_CHECK);
    }

    private static final Map<String, String> DISPLAY = Map.of(
            "risk-at-diagnosis", "Risk group at diagnosis",
            "relapse-classification", "Relapse classification and pathway",
            "scheme-discordance", "Schemes disagree on a treatment decision",
            "cart-label", "CAR-T label check",
            "blinatumomab-label", "Blinatumomab label check",
            "data-completeness", "Missing or unusable data",
            "hsct-referral-check", "HSCT referral check");
    private static final Map<String, String> BY_CARD_KEY = Map.of("cart", "cart-label", "blinatumomab",
            "blinatumomab-label", "pathway-discordance", "scheme-discordance", "profile-validation", "data-completeness");
    private static final Map<String, String> BY_FINDING_TYPE = Map.ofEntries(
            Map.entry("risk-group", "risk-at-diagnosis"), Map.entry("nci-risk", "risk-at-diagnosis"),
            Map.entry("infant", "risk-at-diagnosis"), Map.entry("down-syndrome", "risk-at-diagnosis"),
            Map.entry("relapse-timing", "relapse-classification"), Map.entry("relapse-stratum", "relapse-classification"),
            Map.entry("hsct-indication", "relapse-classification"), Map.entry("refractory", "relapse-classification"),
            Map.entry("hsct-after-relapse", "relapse-classification"),
            Map.entry("missing-data", "data-completeness"), Map.entry("data-quality", "data-completeness"),
            Map.entry("cart-eligibility", "cart-label"), Map.entry("blinatumomab-mrd-indication", "blinatumomab-label"));
    /** A draft order's check (order-sign) answers the question of what is ordered; its scheme is the order's kind. */
    private static final Map<String, String> BY_ORDER_KIND = Map.of(OrderKind.CART_PRODUCT.name(), "cart-label",
            OrderKind.BLINATUMOMAB.name(), "blinatumomab-label", OrderKind.HSCT_REFERRAL.name(), "hsct-referral-check");

    private CardTopics() {
    }

    /** The topic codes with their displays (the CodeSystem must define each; a test checks it). */
    static Map<String, String> all() {
        return DISPLAY;
    }

    static Coding of(Group group) {
        Finding top = group.top().finding();
        String code = top.type().equals(ORDER_CHECK) ? BY_ORDER_KIND.get(top.scheme())
                : group.main() ? BY_FINDING_TYPE.get(top.type()) : BY_CARD_KEY.get(group.key());
        return code == null ? null : new Coding(ClinicalSuggestions.LOCAL, code, DISPLAY.get(code));
    }
}
