package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.allcds.facts.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

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

    /** A source too long for the card's line is cut where a whole item ends, never on "and" or "for". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALL-CDS conventions C-06 and C-08: an absent or censored MRD cannot decide | conventions C-06 and C-08",
        "ALL-CDS convention C-08 and edge case E6: a relapse dated before the diagnosis | convention C-08",
        "ALL-CDS service convention for T-ALL front-line risk; convention C-08 | service convention",
        "ALL-CDS data contract §2a D2 and D4 and §4 (data-quality) | data contract §2a D2",
        "Pathway C-HIGH/C-INTERMEDIATE (blinatumomab consolidation, then HSCT) | Pathway",
        "Supercalifragilisticexpialidocious-guidance-of-2024 | Supercalifragilisticexpial"})
    void aLongSource_isCutWhereAWholeItemEnds(String source, String cited) {
        assertThat(ClinicalText.shortSource(source)).isEqualTo(cited);
    }

    /** The card's "Rules:" line separates its groups with ';', so a source's own ';' becomes a comma. */
    @Test
    void aShortFirstPartOfASource_isJoinedToTheNextByAComma() {
        assertThat(ClinicalText.shortSource("COG; CCG-1952 (Blood 2004;104(11):520): early BM relapse")).isEqualTo("COG, CCG-1952");
    }
}
