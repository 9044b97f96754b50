package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The records a long chart holds by design and no rule uses, as R-DATA-03 tells them apart: identical copies, and MRDs
 * or marrow counts at a timepoint in a code not recognised, which matter only where a finding asks for what they may be.
 */
class UnusedByDesignTest {

    private static final DataQualityIssue SITE_TIMEPOINT_MRD = new DataQualityIssue("code-not-recognised",
            "Observation.component:timepoint.value[x]", "Observation/m", "MRD (2019-06-10)");
    private static final DataQualityIssue SITE_TIMEPOINT_BLASTS = new DataQualityIssue("code-not-recognised",
            "Observation.component:timepoint.valueString", "Observation/b", "Marrow blasts (2019-06-10)");

    @Test
    void copies_areIdentical_unlessTheDetailSaysTheyDiffer() {
        assertThat(new DataQualityIssue("duplicate-resource", "2 copies, counted once", "Observation/m").identicalCopies())
                .isTrue();
        assertThat(new DataQualityIssue("duplicate-resource", "2 copies, counted once; they differ, the one last updated"
                + " (meta.lastUpdated) was used", "Observation/m").identicalCopies()).isFalse();
        assertThat(new DataQualityIssue("duplicate-resource", "context.draftOrders: 2 orders with this id, one counted;"
                + " they differ", "MedicationRequest/c").identicalCopies()).isFalse();
        assertThat(new DataQualityIssue("conflicting-results", "2 copies", "Observation/m").identicalCopies()).isFalse();
    }

    @Test
    void aTimepointNotRecognised_isAResultsTimepointComponent_notItsValueNorAnotherComponent() {
        assertThat(SITE_TIMEPOINT_MRD.timepointNotRecognised()).isTrue();
        assertThat(SITE_TIMEPOINT_BLASTS.timepointNotRecognised()).isTrue();
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.component:timepoint.coding", "Observation/m",
                "MRD (2019-06-10)").timepointNotRecognised()).as("codes that disagree").isTrue();
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.component:relapse-site.value[x]",
                "Observation/r", "Relapse (2019-06-10)").timepointNotRecognised()).isFalse();
        assertThat(new DataQualityIssue("invalid-value", "Observation.component:timepoint.value[x]", "Observation/m",
                "MRD (2019-06-10)").timepointNotRecognised()).as("not valid FHIR: a defect").isFalse();
    }

    @Test
    void aFindingAsksForAnMrd_byItsMissingDataValue_orItsMissingInputs() {
        Finding eoiMissing = Finding.of("missing-data", "end-of-induction-mrd");
        Finding pending = Finding.of("risk-group", "COG_AALL08B1", "PENDING").withMissing("end-of-induction-mrd");
        Finding blasts = Finding.of("relapse-stratum", "COG_AALL1331", "PENDING").withMissing("relapse-end-block1-blasts");

        assertThat(InputWords.asksForWhatItMayHold(eoiMissing, SITE_TIMEPOINT_MRD)).isTrue();
        assertThat(InputWords.asksForWhatItMayHold(pending, SITE_TIMEPOINT_MRD)).isTrue();
        assertThat(InputWords.asksForWhatItMayHold(blasts, SITE_TIMEPOINT_MRD)).as("an MRD is no marrow count").isFalse();
        assertThat(InputWords.asksForWhatItMayHold(blasts, SITE_TIMEPOINT_BLASTS)).isTrue();
        assertThat(InputWords.asksForWhatItMayHold(Finding.of("missing-data", "wbc-at-diagnosis"), SITE_TIMEPOINT_MRD))
                .isFalse();
        assertThat(InputWords.asksForWhatItMayHold(Finding.of("risk-group", "COG_AALL08B1", "LOW"), SITE_TIMEPOINT_MRD))
                .isFalse();
    }
}
