package org.allcds.facts;

/** What a draft order asks for, as far as the order checks care (data contract: draft orders of order-sign). */
public enum OrderKind {
    /** A CD19-directed CAR-T product the rule catalogue names (tisagenlecleucel). */
    CART_PRODUCT,
    BLINATUMOMAB,
    /** A referral or request for allogeneic haematopoietic stem cell transplantation. */
    HSCT_REFERRAL,
    /** Any other order: never checked. */
    OTHER
}
