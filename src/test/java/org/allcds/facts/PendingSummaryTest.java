package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A decision that waits for an input says why where the record holds it but cannot use it, in under 140 characters. */
class PendingSummaryTest {

    private static final String EOI = Input.END_OF_INDUCTION_MRD.code();
    private static final String BLOCK1 = Input.RELAPSE_END_BLOCK1_MRD.code();
    /** The frames the rules give: the risk group with its longest provisional NCI group, the late relapse's stratum. */
    private static final String GROUP = "COG risk group pending";
    private static final String INFANT = " (provisional: no NCI group (infant))";
    private static final String STRATUM = "Late first relapse: COG stratum pending";
    private static final String STRATA = " (low or intermediate risk)";
    /** Every record fault that keeps an MRD from being used, as the mapping reports it: its code and element. */
    private static final Map<String, String> FAULTS = Map.ofEntries(
            Map.entry("conflicting-results", "Observation.valueQuantity"),
            Map.entry("code-not-recognised", "Observation.valueCodeableConcept"),
            Map.entry("value-not-a-quantity", "Observation.value[x]"),
            Map.entry("preliminary-result", "Observation.status"),
            Map.entry("missing-date", "Observation.effective[x]"),
            Map.entry("imprecise-date", "Observation.effective[x]"),
            Map.entry("unit-not-convertible", "Observation.valueQuantity.code"),
            Map.entry("value-out-of-range", "Observation.valueQuantity.value"),
            Map.entry("invalid-value", "Observation.valueQuantity.value"));

    private static List<DataQualityIssue> issue(String code, String detail, String recordName) {
        return List.of(new DataQualityIssue(code, detail, "Observation/mrd-1", recordName));
    }

    /** Each fault, and a specimen of each kind (blood, marrow, codes of both), of a record named {@code recordName}. */
    private static Stream<List<DataQualityIssue>> everyFault(String recordName) {
        Stream<List<DataQualityIssue>> specimens = Stream.of("blood", "bone marrow", "blood and bone marrow")
                .map(s -> issue("specimen-contradicts-timepoint", "Observation.specimen: " + s, recordName));
        return Stream.concat(FAULTS.entrySet().stream().map(f -> issue(f.getKey(), f.getValue(), recordName)), specimens);
    }

    @Test
    void everyReasonARecordCannotBeUsed_isSaidInUnder140Characters_withTheLongestFrames() {
        List<String> group = everyFault("End-of-induction MRD (2024-06-03)")
                .map(issues -> PendingSummary.of(GROUP, EOI, INFANT, issues)).toList();
        List<String> stratum = everyFault("End-of-block-1 MRD (2019-09-24)")
                .map(issues -> PendingSummary.of(STRATUM, BLOCK1, STRATA, issues)).toList();

        assertThat(Stream.concat(group.stream(), stratum.stream()))
                .hasSize(24).allSatisfy(s -> assertThat(s).hasSizeLessThan(140))
                .noneMatch(s -> s.contains(" pending end-of-")); // every fault is said
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            missing-date | Observation.effective[x] | End-of-induction MRD | COG risk group pending: end-of-induction MRD without a full date (provisional: no NCI group (infant)); add the full date to its record
            specimen-contradicts-timepoint | Observation.specimen: blood | End-of-induction MRD in blood (2024-06-03) | COG risk group pending: end-of-induction MRD specimen not bone marrow (provisional: no NCI group (infant)); check its specimen
            unit-not-convertible | Observation.valueQuantity.code | End-of-induction MRD (2024-06-03) | COG risk group pending: end-of-induction MRD with a unit that cannot be converted (provisional: no NCI group (infant)); correct its unit
            conflicting-results | Observation.valueQuantity | End-of-induction MRD (2024-06-03) | COG risk group pending: end-of-induction MRD records conflict (provisional: no NCI group (infant))
            preliminary-result | Observation.status | End-of-induction MRD (2024-06-03) | COG risk group pending the final end-of-induction MRD (provisional: no NCI group (infant))
            dated-after-evaluation-time | Observation.effective[x] | End-of-induction MRD (2024-06-03) | COG risk group pending end-of-induction MRD (provisional: no NCI group (infant))
            dated-before-diagnosis | Observation.effective[x] | End-of-induction MRD (2024-05-01) | COG risk group pending end-of-induction MRD (provisional: no NCI group (infant))
            """)
    void theRiskGroup_waitsForTheEndOfInductionMrd_orSaysWhyItsRecordCannotBeUsed(String code, String detail,
                                                                                  String record, String summary) {
        assertThat(PendingSummary.of(GROUP, EOI, INFANT, issue(code, detail, record))).isEqualTo(summary);
    }

    /** A summary with a colon already gives the reason after a comma; the ask only where it stays under 140. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            imprecise-date | Observation.effective[x] | Late first relapse: COG stratum pending, end-of-block-1 MRD without a full date (low or intermediate risk); add the full date to its record
            unit-not-convertible | Observation.valueQuantity.code | Late first relapse: COG stratum pending, end-of-block-1 MRD with a unit that cannot be converted (low or intermediate risk)
            value-not-a-quantity | Observation.value[x] | Late first relapse: COG stratum pending, end-of-block-1 MRD not a number (low or intermediate risk)
            preliminary-result | Observation.status | Late first relapse: COG stratum pending the final end-of-block-1 MRD (low or intermediate risk)
            dated-before-relapse | Observation.effective[x] | Late first relapse: COG stratum pending end-of-block-1 MRD (low or intermediate risk)
            """)
    void theLateRelapseStratum_waitsForTheEndOfBlock1Mrd_orSaysWhyItsRecordCannotBeUsed(String code, String detail,
                                                                                         String summary) {
        List<DataQualityIssue> issues = issue(code, detail, "End-of-block-1 MRD (2019-09-24)");

        assertThat(PendingSummary.of(STRATUM, BLOCK1, STRATA, issues)).isEqualTo(summary).hasSizeLessThan(140);
    }

    /**
     * A decision that waits for several inputs names each: all awaited, "pending A and B"; else each with why (an input
     * not recorded says so), and the ask of the one record at fault where it fits.
     */
    @Test
    void aDecisionWaitingForSeveralInputs_namesEach_withWhyWhereOneIsHeldButCannotBeUsed() {
        List<String> both = List.of(Input.RELAPSE_SITE.code(), BLOCK1);
        String hsct = "HSCT decision (BFM) pending";

        assertThat(PendingSummary.of(hsct, both, "", List.of()))
                .isEqualTo("HSCT decision (BFM) pending relapse site and end-of-block-1 MRD");
        assertThat(PendingSummary.of(hsct, both, "", issue("preliminary-result", "Observation.status",
                "End-of-block-1 MRD (2019-09-24)")))
                .isEqualTo("HSCT decision (BFM) pending relapse site and the final end-of-block-1 MRD");
        assertThat(PendingSummary.of(hsct, both, "", issue("unit-not-convertible", "Observation.valueQuantity.code",
                "End-of-block-1 MRD (2019-09-24)"))).isEqualTo("HSCT decision (BFM) pending: relapse site not recorded, "
                + "end-of-block-1 MRD with a unit that cannot be converted"); // the ask would make it 140 or more
        assertThat(PendingSummary.of(hsct, List.of(BLOCK1), "", issue("unit-not-convertible",
                "Observation.valueQuantity.code", "End-of-block-1 MRD (2019-09-24)"))).isEqualTo(
                "HSCT decision (BFM) pending: end-of-block-1 MRD with a unit that cannot be converted; correct its unit");
        assertThat(PendingSummary.of(hsct, List.of(Input.RELAPSE_END_BLOCK1_BLASTS.code()), "", List.of()))
                .isEqualTo("HSCT decision (BFM) pending exact end-of-block-1 marrow blasts");
    }
}
