package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DraftOrderTest {

    @Test
    void theCardNamesAnIntentOnlyWhenItIsNotOrder() {
        assertThat(new DraftOrder(OrderKind.HSCT_REFERRAL, "ServiceRequest/h", "ServiceRequest/h", "order", null).cardValue())
                .isEqualTo("HSCT referral");
        assertThat(new DraftOrder(OrderKind.HSCT_REFERRAL, "ServiceRequest/h", "ServiceRequest/h", "plan", null).cardValue())
                .isEqualTo("HSCT referral, intent plan");
    }
}
