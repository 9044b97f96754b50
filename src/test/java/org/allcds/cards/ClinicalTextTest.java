package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.allcds.facts.Finding;
import org.junit.jupiter.api.Test;

/** How a finding's value reads in a card's scheme table. */
class ClinicalTextTest {

    @Test
    void anUndecidedValue_leavesOutCandidatesThatAreEveryOutcome_andListsTheRest() {
        assertThat(ClinicalText.value(Finding.of("hsct-indication", "COG_AALL1331", "PENDING")
                .withCandidates("INDICATED", "NOT_INDICATED"))).isEqualTo("pending");
        assertThat(ClinicalText.value(Finding.of("relapse-stratum", "COG_AALL1331", "PENDING")
                .withCandidates("LOW", "NOT_APPLICABLE"))).isEqualTo("pending (low or not applicable)");
    }

    @Test
    void aWithheldValue_keepsTheValuesTheRulesContradictedEachOtherOn() {
        assertThat(ClinicalText.value(Finding.of("hsct-indication", "COG_AALL1331", "INCONSISTENT")
                .withCandidates("INDICATED", "NOT_INDICATED"))).isEqualTo("inconsistent (indicated or not indicated)");
    }

    @Test
    void aSourceOfTheServiceItself_isCitedWithoutTheServiceName_whichTheCardsSourceLabelCarries() {
        assertThat(ClinicalText.shortSource("ALL-CDS convention C-08 (bounds across a cut-off)")).isEqualTo("convention C-08");
        assertThat(ClinicalText.shortSource("ALL-CDS data contract §4")).isEqualTo("data contract §4");
        assertThat(ClinicalText.shortSource("NCI PDQ Childhood ALL: Risk-Based Treatment")).isEqualTo("NCI PDQ Childhood ALL");
    }
}
