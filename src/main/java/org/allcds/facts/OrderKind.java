package org.allcds.facts;

/** What a draft order asks for, as far as the order checks care (data contract: draft orders of order-sign). */
public enum OrderKind {
    /** A CD19-directed CAR-T product the rule catalogue names (tisagenlecleucel). */
    CART_PRODUCT,
    BLINATUMOMAB,
    /** A referral or request for allogeneic haematopoietic stem cell transplantation. */
    HSCT_REFERRAL,
    /** Any other order: never checked. */
    OTHER;

    /** How card text names the kind: "tisagenlecleucel (CAR-T)", not CART_PRODUCT. */
    public String words() {
        return switch (this) {
            case CART_PRODUCT -> "tisagenlecleucel (CAR-T)";
            case BLINATUMOMAB -> "blinatumomab";
            case HSCT_REFERRAL -> "HSCT referral";
            case OTHER -> "other order";
        };
    }
}
