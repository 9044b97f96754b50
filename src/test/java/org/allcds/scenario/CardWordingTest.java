package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.allcds.facts.Finding;
import org.junit.jupiter.api.Test;

/**
 * What a clinician reads in five seconds must be what the record says: a card states as reasons only what was found,
 * asks for what is really missing, and states an assumption as one. Checked on the words of the bundled rules' findings
 * for the scenarios that once read otherwise.
 */
class CardWordingTest {

    /** The findings of one bundled scenario, as its evaluation gave them. */
    private static List<Finding> findings(String file) {
        return ScenarioRecords.bundled().findingsOf(file).stream().map(f -> f.finding()).toList();
    }

    private static Finding finding(String file, String type) {
        return findings(file).stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow();
    }

    private static Finding finding(String file, String type, String scheme) {
        return findings(file).stream().filter(f -> f.type().equals(type) && java.util.Objects.equals(scheme, f.scheme()))
                .findFirst().orElseThrow();
    }

    /** The finding that gives the scenario's card its summary: the highest priority (as CardGrouping picks it). */
    private static Finding lead(String file) {
        return findings(file).stream().max(Comparator.comparingInt(Finding::priority)).orElseThrow();
    }

    private static String summary(String file, String type, String scheme) {
        return finding(file, type, scheme).summary();
    }

    @Test
    void aGroupDecidedByAgeAlone_namesThatRow_notTheRowsMissingDataMightHaveGiven() {
        Finding group = finding("tests/risk/thresholds/age-14-nothing-else-recorded.yaml", "risk-group");

        assertThat(group.note()).contains("NCI high risk, 13 years or older")
                .doesNotContain("feature (genetics or induction failure)", "end-of-induction MRD positive");
    }

    @Test
    void aBirthDateAfterTheDiagnosis_asksToCorrectTheBirthDate_notForAnotherMrd() {
        Finding group = finding("tests/risk/missing-data/birth-date-after-diagnosis.yaml", "risk-group");

        assertThat(group.summary()).contains("correct the birth date").doesNotContain("MRD");
        assertThat(group.note()).as("no bound to explain, and the summary names the possible groups").isNull();
    }

    /**
     * R-DX-01: infants are a stratum of their own, treated on an infant ALL protocol; their card says so, and not "the
     * high-risk arm", nor an HSCT referral without the word infant.
     */
    @Test
    void anInfant_isReferredToAnInfantProtocol_withOrWithoutKmt2a() {
        assertThat(summary("tests/risk/infant-kmt2a-fish-negative.yaml", "risk-group", "COG_AALL08B1"))
                .startsWith("Infant ALL, COG high risk").contains("refer to an infant ALL protocol")
                .doesNotContain("high-risk arm");
        assertThat(summary("tests/risk/infant-kmt2a-rearranged.yaml", "risk-group", "COG_AALL08B1"))
                .startsWith("Infant ALL, COG very high risk").contains("refer to an infant ALL protocol", "HSCT in CR1");
        assertThat(summary("tests/risk/infant-kmt2a-rearranged-induction-failure.yaml", "risk-group", "COG_AALL08B1"))
                .startsWith("Infant ALL, induction failure, COG very high risk: refer to an infant ALL protocol");
    }

    /**
     * R-DX-01: an infant whose group waits for KMT2A is on an infant ALL protocol whatever the group: the undetermined
     * card says "Infant ALL" first, as the decided one does, and its note names the protocol. Beside induction failure
     * the longest such summary leaves the possible groups to the note rather than be cut.
     */
    @Test
    void anInfantsUndeterminedGroup_saysInfantAll_andItsNoteNamesTheInfantProtocol() {
        Finding undetermined = finding("tests/risk/missing-data/infant-genetics-missing.yaml", "risk-group");
        Finding failed = finding("tests/risk/infant-induction-failure-genetics-missing.yaml", "risk-group");
        Finding longest = finding("tests/risk/genetics-not-recognised/infant-subtype-not-recognised-induction-failure.yaml",
                "risk-group");

        assertThat(undetermined.summary())
                .isEqualTo("Infant ALL, COG risk group undetermined (high or very high risk): record genetic subtype");
        assertThat(failed.summary()).isEqualTo("Infant ALL, induction failure: consider HSCT in CR1; COG risk group"
                + " undetermined (high or very high risk): record genetic subtype");
        assertThat(longest.summary()).isEqualTo("Infant ALL, induction failure: consider HSCT in CR1; COG risk group"
                + " undetermined: genetic subtype code not recognised");
        for (Finding group : List.of(undetermined, failed, longest)) {
            assertThat(group.note()).startsWith("Infant ALL: refer to an infant ALL protocol (e.g. Interfant)");
        }
        assertThat(longest.note()).contains("Possible: high or very high risk.", "It may hold a very-high-risk subtype.",
                "HSCT in first remission is considered per protocol for induction failure");
        assertThat(undetermined.note()).doesNotContain("Possible:");
    }

    /**
     * R-DX-01 and R-TX-PH-01: an infant's Ph+ card begins "Infant ALL, " as every other infant's group card does, and
     * keeps the TKI (and, beside induction failure, HSCT) step within the summary's limit; its note names the infant
     * protocol.
     */
    @Test
    void anInfantsPhPositiveCard_saysInfantAll_andItsNoteNamesTheInfantProtocol() {
        Finding ph = finding("tests/risk/infant-ph-positive.yaml", "risk-group");
        Finding failed = finding("tests/risk/infant-ph-positive-induction-failure.yaml", "risk-group");

        assertThat(ph.summary())
                .isEqualTo("Infant ALL, Ph+ (BCR::ABL1), COG high risk: add a TKI to chemotherapy on a Ph+ protocol");
        assertThat(failed.summary()).isEqualTo("Infant ALL, Ph+ (BCR::ABL1), induction failure, COG high risk: add a TKI"
                + " to chemotherapy on a Ph+ protocol; consider HSCT in CR1");
        for (Finding group : List.of(ph, failed)) {
            assertThat(group.note()).contains("Infants are referred to an infant ALL protocol (e.g. Interfant)",
                    "add a tyrosine kinase inhibitor");
        }
        assertThat(failed.note()).contains("HSCT in first remission is considered per protocol for induction failure");
        assertThat(finding("tests/risk/ph-positive.yaml", "risk-group").summary()).startsWith("Ph+ ALL (BCR::ABL1), COG")
                .doesNotContain("Infant");
    }

    /**
     * R-DX-11 pending beside R-DX-07: an end-of-induction marrow count that may be induction failure is asked for as the
     * undetermined card asks for it, beside the awaited MRD, and the note says what induction failure would mean.
     */
    @Test
    void aPendingGroupBesideAMarrowCountThatCannotDecideInductionFailure_asksForTheCount() {
        Finding bound = finding("tests/risk/edge-cases/induction-blasts-bound-across-cutoff-eoi-mrd-not-recorded.yaml",
                "risk-group");
        Finding rivals = finding("tests/risk/integrity/rival-eoi-blasts-same-day-eoi-mrd-not-recorded.yaml",
                "risk-group");

        assertThat(bound.summary()).isEqualTo("COG risk group pending end-of-induction MRD (provisional: NCI standard"
                + " risk); report the exact end-of-induction marrow blasts");
        assertThat(rivals.summary()).isEqualTo("COG risk group pending end-of-induction MRD (provisional: NCI standard"
                + " risk); end-of-induction marrow blasts records conflict");
        assertThat(bound.note()).contains("A result reported only as a bound across the cut-off cannot decide:"
                + " end-of-induction marrow blasts.");
        for (Finding group : List.of(bound, rivals)) {
            assertThat(group.note()).contains("Induction failure (end-of-induction marrow blasts 25 % or more) would make"
                    + " the group very high risk whatever the MRD, with HSCT in first remission considered per protocol.");
            assertThat(group.missing()).containsExactlyInAnyOrder("end-of-induction-mrd", "end-of-induction-blasts");
            assertThat(group.candidates()).contains("VERY_HIGH");
        }
    }

    /**
     * R-DX-01: an infant's group turns on KMT2A status alone, so WBC counts of one day that differ are reported but not
     * asked about by the undetermined card; at 4 years the same counts decide the NCI group and are.
     */
    @Test
    void anInfantsUndeterminedGroup_doesNotAskAboutConflictingWbcCounts_whichDecideNothingForAnInfant() {
        Finding infant = finding("tests/risk/integrity/infant-rival-wbc-same-day-genetics-missing.yaml", "risk-group");
        Finding child = finding("tests/risk/integrity/rival-wbc-same-day-across-cutoff-genetics-missing.yaml",
                "risk-group");

        assertThat(infant.summary())
                .isEqualTo("Infant ALL, COG risk group undetermined (high or very high risk): record genetic subtype");
        assertThat(child.summary()).startsWith("COG risk group undetermined (")
                .endsWith(": record genetic subtype; WBC at diagnosis records conflict");
        assertThat(finding("tests/risk/integrity/rival-wbc-same-day-across-cutoff.yaml", "risk-group").summary())
                .endsWith(": WBC at diagnosis records conflict");
    }

    /**
     * R-DX-11 indeterminate, as pending: an end-of-induction marrow count that cannot decide induction failure is named
     * among what the finding needs, for the interoperability harnesses that read the extension, not only in the summary.
     */
    @Test
    void anUndeterminedGroupBesideAMarrowCountThatCannotDecideInductionFailure_namesItAmongTheMissing() {
        Finding bound = finding("tests/risk/edge-cases/induction-blasts-lower-bound-below-cutoff.yaml", "risk-group");
        Finding rivals = finding("tests/risk/integrity/rival-eoi-blasts-same-day.yaml", "risk-group");

        assertThat(bound.summary()).endsWith(": report the exact end-of-induction marrow blasts");
        assertThat(rivals.summary()).endsWith(": end-of-induction marrow blasts records conflict");
        for (Finding group : List.of(bound, rivals)) {
            assertThat(group.missing()).containsExactly("end-of-induction-blasts");
        }
    }

    /** A pending group's scenario, what its summary asks beside the awaited MRD, and the input that ask is about. */
    private record PendingAsk(String file, String ask, String input) {
    }

    /**
     * R-DX-11 pending beside a WBC or a day-8 MRD that cannot decide its cut-off (a bound across it, WBC counts of one
     * day on both sides of 50): the awaited MRD cannot settle the group alone, so the exact value is asked for as the
     * marrow count's is (the day-8 MRD by name, not "repeat MRD"), and named among what the finding needs.
     */
    @Test
    void aPendingGroupBesideAWbcOrDay8MrdThatCannotDecide_asksForTheExactValue() {
        String undecided = "COG risk group pending end-of-induction MRD (provisional: NCI group undecided); ";
        List<PendingAsk> cases = List.of(
                new PendingAsk("tests/risk/edge-cases/wbc-bound-across-cutoff-eoi-mrd-not-recorded.yaml",
                        undecided + "report the exact WBC at diagnosis", "wbc-at-diagnosis"),
                new PendingAsk("tests/risk/integrity/rival-wbc-same-day-across-cutoff-eoi-mrd-not-recorded.yaml",
                        undecided + "WBC at diagnosis records conflict", "wbc-at-diagnosis"),
                new PendingAsk("tests/risk/edge-cases/day8-mrd-bound-across-cutoff-eoi-mrd-not-recorded.yaml",
                        "COG risk group pending end-of-induction MRD (provisional: NCI standard risk); report the exact"
                                + " day-8 MRD", "day8-mrd"));
        for (PendingAsk c : cases) {
            Finding group = finding(c.file(), "risk-group");
            assertThat(group.summary()).as(c.file()).isEqualTo(c.ask());
            assertThat(group.missing()).as(c.file()).containsExactlyInAnyOrder("end-of-induction-mrd", c.input());
            assertThat(String.valueOf(group.note())).as(c.file()).doesNotContain("Induction failure");
        }
        assertThat(finding(cases.get(2).file(), "risk-group").note())
                .contains("A result reported only as a bound across the cut-off cannot decide: day-8 MRD.");
        // with neutral genetics a day-8 MRD below 1 % either way gives standard risk (row c): nothing to ask
        assertThat(finding("tests/risk/edge-cases/day8-mrd-bound-below-1-neutral-genetics-eoi-mrd-not-recorded.yaml",
                "risk-group").summary())
                .isEqualTo("COG risk group pending end-of-induction MRD (provisional: NCI standard risk)");
    }

    /** An undetermined group's scenario, its summary, and the only input its note gives as unable to decide. */
    private record UndeterminedAsk(String file, String summary, String undecided) {
    }

    /**
     * R-DX-11 indeterminate beside a day-8 MRD bound that cannot change the group (neutral genetics, "< 0.5 %": below
     * 1 % either way, standard risk by row c): the card asks only for what decides, as the pending group does, and does
     * not give the day-8 MRD as a bound that cannot decide.
     */
    @Test
    void anUndeterminedGroupBesideADay8MrdBoundThatCannotChangeIt_doesNotAskForTheDay8Mrd() {
        String folder = "tests/risk/edge-cases/day8-mrd-bound-below-1-neutral-genetics-";
        List<UndeterminedAsk> cases = List.of(
                new UndeterminedAsk(folder + "wbc-bound-across-cutoff.yaml", "COG risk group undetermined (standard"
                        + " (average) or high risk): report the exact WBC at diagnosis", "WBC at diagnosis"),
                new UndeterminedAsk(folder + "eoi-mrd-bound-across-cutoff.yaml", "COG risk group undetermined (standard"
                        + " (average) or very high risk): repeat MRD with a sensitive assay", "end-of-induction MRD"));
        for (UndeterminedAsk c : cases) {
            Finding group = finding(c.file(), "risk-group");
            assertThat(group.summary()).as(c.file()).isEqualTo(c.summary());
            assertThat(group.note()).as(c.file()).contains("cannot decide: " + c.undecided() + ".").doesNotContain("day-8");
            assertThat(group.missing()).as(c.file()).doesNotContain("day8-mrd");
        }
    }

    /** Every group open and induction failure: the summary keeps the ask whole and leaves the possible groups to the note. */
    @Test
    void anUndeterminedGroupBesideInductionFailure_leavesThePossibleGroupsToTheNote_ratherThanBeCut() {
        Finding group = finding("tests/risk/integrity/t-immunophenotype-beside-an-undated-b-one-induction-failure.yaml",
                "risk-group");

        assertThat(group.summary()).isEqualTo("Induction failure: consider HSCT in CR1; COG risk group undetermined:"
                + " add the full date to the immunophenotype record");
        assertThat(group.note()).startsWith("Possible: low, standard (average), high or very high risk.")
                .doesNotContain("Infant");
    }

    @Test
    void downSyndrome_theGroupsStepIsTheDownSyndromeArm_asItsOwnCardSays() {
        Finding group = finding("tests/risk/down-syndrome.yaml", "risk-group");

        assertThat(group.summary()).contains("Down syndrome arm").doesNotContain("standard-risk arm");
    }

    @Test
    void phPositiveWithDownSyndrome_isTreatedOnAPhProtocol_andDownSyndromeWarnsOfToxicity() {
        String file = "tests/risk/ph-positive-down-syndrome.yaml";

        assertThat(finding(file, "risk-group").summary()).endsWith("add a TKI to chemotherapy on a Ph+ protocol")
                .doesNotContain("Down syndrome arm");
        assertThat(finding(file, "down-syndrome").summary()).contains("treatment-related mortality", "toxicity")
                .doesNotContain("DS-specific protocol arm");
    }

    /**
     * Exact marrow counts of one day across 25 % say that the records conflict, as WBC counts of one day across 50 do:
     * each count is exact, so no exact count is asked for, and no bound the lab never reported is explained.
     */
    @Test
    void rivalMarrowCountsOfOneDay_areGivenTheConflictAsReason_notABoundTheLabNeverReported() {
        for (String file : List.of("tests/risk/integrity/rival-eoi-blasts-same-day.yaml",
                "tests/risk/integrity/rival-eoi-blasts-three-values.yaml")) {
            Finding group = finding(file, "risk-group");
            assertThat(group.summary()).as(file).endsWith(": end-of-induction marrow blasts records conflict")
                    .doesNotContain("exact");
            assertThat(group.note()).as(file).isNull();
        }
        assertThat(finding("tests/risk/integrity/rival-wbc-same-day-across-cutoff.yaml", "risk-group").summary())
                .as("the same words as for WBC counts").endsWith(": WBC at diagnosis records conflict");
        assertThat(finding("tests/risk/edge-cases/induction-blasts-lower-bound-below-cutoff.yaml", "risk-group").note())
                .as("a bound the lab reported").contains("reported only as a bound").doesNotContain("contradict");
    }

    /** A bound beside a count that does not contradict it ("&gt; 20 %" and 30 %): the exact count is still asked for. */
    @Test
    void aMarrowBoundBesideACountOfOneDay_asksForTheExactCount_notARecordsConflict() {
        Finding group = finding("tests/risk/integrity/rival-eoi-blasts-bound-and-exact.yaml", "risk-group");

        assertThat(group.summary()).endsWith(": report the exact end-of-induction marrow blasts")
                .doesNotContain("records conflict");
        assertThat(group.note()).contains("contradict each other");
    }

    /**
     * A record an order check could not use at all asks for the part at fault, as the risk and relapse cards do ("correct
     * the unit of the WBC at diagnosis"; the summary has named the record: "correct its unit"), not "correct it in the
     * EHR".
     */
    @Test
    void aRecordNotUsedByAnOrderCheck_asksForThePartAtFault() {
        assertThat(finding("tests/orders/orders-block1-mrd-unit-not-convertible.yaml", "order-check").note())
                .startsWith("The record not used: correct its unit, or sign")
                .doesNotContain("in the EHR");
    }

    /** An order check and the relapse card ask for a relapse's missing day alike: the date of the confirming sample. */
    @Test
    void aRelapseWithoutAFullDate_isAskedForInTheRelapseCardsWords_onAnOrderCard() {
        String relapseCard = findings("tests/relapse/missing-data/relapse-without-any-date.yaml").stream()
                .filter(f -> "relapse-date".equals(f.value())).findFirst().orElseThrow().summary();
        assertThat(relapseCard).endsWith("; record the date of the confirming sample");
        for (String file : List.of("tests/orders/cart-relapse-month-only.yaml",
                "tests/orders/hsct-referral-relapse-without-full-date.yaml")) {
            assertThat(finding(file, "order-check").note()).as(file)
                    .startsWith("Record the date of the confirming sample, or sign");
        }
    }

    /**
     * The HSCT decision and the missing end-of-block-1 MRD wait as the COG stratum does: for an MRD the record holds but
     * cannot use, why and what to correct; for one not yet final, the final result; never the MRD as if not recorded.
     */
    @Test
    void theHsctDecisionAndTheMissingBlock1Mrd_sayWhyItsRecordCannotBeUsed_asTheStratumDoes() {
        String unit = "tests/relapse/integrity/block1-mrd-unit-not-convertible-stratum-pending.yaml";
        assertThat(summary(unit, "hsct-indication", "COG_AALL1331")).isEqualTo(
                "HSCT decision (COG) pending: end-of-block-1 MRD with a unit that cannot be converted; correct its unit");
        assertThat(finding(unit, "missing-data").summary()).isEqualTo("Relapse stratum or HSCT decision pending: "
                + "end-of-block-1 MRD with a unit that cannot be converted; correct its unit");
        String preliminary = "tests/relapse/preliminary-results/block1-mrd-preliminary-stratum-pending.yaml";
        assertThat(summary(preliminary, "hsct-indication", "BFM_ALLREZ2002"))
                .isEqualTo("HSCT decision (BFM) pending the final end-of-block-1 MRD");
        assertThat(finding("tests/relapse/missing-data/block1-mrd-pending.yaml", "missing-data").summary())
                .isEqualTo("Relapse stratum or HSCT decision pending end-of-block-1 MRD");
    }

    /**
     * A record an order check could not use for a part that holds no input of its own (a Condition's code, a patient
     * reference, the marrow blasts of a relapse) asks for that part, not "correct it in the EHR".
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "blinatumomab-diagnosis-code-a-number|BLINATUMOMAB|The record not used: correct its diagnosis code, or sign",
            "orders-diagnosis-code-unreadable|HSCT_REFERRAL|The record not used: correct its diagnosis code, or sign",
            "cart-order-all-records-unreadable|CART_PRODUCT|The records not used: correct their patient reference, or sign",
            "blinatumomab-low-risk-no-site-marrow-count-unit-not-convertible|BLINATUMOMAB"
                    + "|The record not used: correct the unit of its marrow blasts, or sign"})
    void aRecordNotUsedByAnOrderCheck_forAPartWithoutAnInput_asksForThatPart(String scenario, String scheme, String note) {
        assertThat(finding("tests/orders/" + scenario + ".yaml", "order-check", scheme).note()).startsWith(note)
                .doesNotContain("in the EHR");
    }

    /**
     * A chart whose ALL records all name their patient in a reference that is not valid FHIR gets one card, which asks
     * for the part at fault ("correct their patient reference"), as an order card asks it, not "correct them in the EHR".
     */
    @Test
    void allRecordsLeftOutForAnUnreadablePatientReference_askToCorrectThatReference() {
        String file = "tests/risk/integrity/all-records-patient-reference-unreadable.yaml";
        assertThat(lead(file).summary()).isEqualTo("No ALL result: whose ALL records these are cannot be read, so they"
                + " were not used; correct their patient reference").hasSizeLessThan(140);
        assertThat(lead(file).note()).isEqualTo("No ALL finding can be given until they are corrected.");
    }

    /**
     * Every ALL record of another patient, and a result of the patient's own whose code is not valid FHIR: that result
     * is still reported (it may be an ALL result), by what could not be read. Its patient was read, so no card says
     * that whose the ALL records are cannot be read, nor that correcting it gives an ALL finding.
     */
    @Test
    void aResultWhoseCodeCannotBeRead_besideAnotherPatientsAllRecords_isNamedByItsCode() {
        String file = "tests/risk/integrity/d2-all-records-of-another-patient-and-an-unreadable-result-code.yaml";
        Finding unread = findings(file).stream().filter(f -> f.value().equals("invalid-value")).findFirst().orElseThrow();

        assertThat(unread.summary()).isEqualTo("No ALL result: a result whose code cannot be read was not used; it may"
                + " hold an ALL result: correct its code").hasSizeLessThan(140);
        assertThat(unread.note()).isNull();
        assertThat(findings(file)).extracting(Finding::summary).noneMatch(s -> s.contains("whose ALL records"));
    }

    @Test
    void anOrderWithoutAnId_isNotAdvisedRemovedFromTheCard_whichCannotDeleteIt() {
        Finding withoutId = finding("tests/orders/cart-order-without-id.yaml", "order-check");
        Finding withId = finding("tests/orders/cart-label-not-met.yaml", "order-check");

        assertThat(withoutId.note()).doesNotContain("Remove the draft").contains("cannot remove it", "give the reason");
        assertThat(withId.note()).contains("Remove the draft");
    }

    @Test
    void aVeryHighRiskGroup_namesTheFeatureFound_notEitherFeature() {
        Finding group = finding("tests/risk/thresholds/induction-failure-blasts-25.yaml", "risk-group");

        assertThat(group.note()).contains("Induction failure (end-of-induction marrow blasts 25 % or more)")
                .doesNotContain("genetics or induction failure");
    }

    @Test
    void downSyndromeWithAVeryHighRiskGroup_namesTheDownSyndromeArmToo() {
        Finding group = finding("tests/risk/down-syndrome-induction-failure.yaml", "risk-group");

        assertThat(group.summary()).contains("Down syndrome arm").hasSizeLessThan(140);
    }

    @Test
    void aMarrowCountGivenAsABoundAcrossTheCutOff_asksForTheExactCount_notForAnotherMrd() {
        Finding group = finding("tests/risk/edge-cases/induction-blasts-lower-bound-below-cutoff.yaml", "risk-group");

        assertThat(group.summary()).contains("report the exact end-of-induction marrow blasts").doesNotContain("MRD");
    }

    @Test
    void aBlock1MarrowThatCannotDecide_isNeverCalledNotRefractory() {
        Finding cart = finding("tests/relapse/edge-cases/block1-blasts-lower-bound-below-cutoff.yaml", "cart-eligibility");

        assertThat(cart.summary()).contains("refractory disease not known (end-of-block-1 blasts > 4 %)")
                .doesNotContain("not refractory");
        assertThat(cart.missing()).as("not checked, so never advised against").containsExactly("relapse-end-block1-blasts");
    }

    @Test
    void aRemissionWithoutAMarrowResult_isStatedAsAnAssumption() {
        Finding blinatumomab = finding("tests/risk/thresholds/blinatumomab-cr1-mrd-0.1.yaml", "blinatumomab-mrd-indication");

        assertThat(blinatumomab.note()).contains("CR1 assumed", "confirm blasts < 5 %");
    }

    @Test
    void aRelapseThatCannotBeClassified_leavesTheCarTLabelUnchecked_andSaysWhy() {
        Finding cart = finding("tests/relapse/missing-data/relapse-month-only-after-a-dated-one.yaml", "cart-eligibility");

        assertThat(cart.summary()).isEqualTo("CAR-T label not checked: relapse without a full date");
        assertThat(cart.note()).contains("second or later relapse, which is not known");
    }

    @Test
    void aLabelBlockHolds_whicheverRelapseAnUnclassifiedOneIs() {
        var cart = findings("tests/relapse/missing-data/cart-cd19-negative-relapse-month-only.yaml").stream()
                .filter(f -> f.type().equals("cart-eligibility")).map(Finding::summary).toList();

        assertThat(cart).hasSize(2).allSatisfy(s -> assertThat(s).contains("CD19-negative").doesNotContain("not checked"));
    }

    @Test
    void aRelapseThatCannotBeClassified_leadsItsCard_beforeTheDataQualityNoteOfTheSameRecord() {
        for (String file : List.of("tests/relapse/missing-data/relapse-month-only-after-a-dated-one.yaml",
                "tests/relapse/missing-data/relapse-numbers-disagree.yaml")) {
            assertThat(lead(file).summary()).as(file).contains("no relapse classified");
        }
    }

    @Test
    void cd19NegativeDisease_isNeverAdvisedBlinatumomab() {
        Finding intermediate = finding("tests/relapse/cd19-negative-intermediate.yaml", "relapse-stratum", "COG_AALL1331");
        Finding low = finding("tests/relapse/cd19-negative-low-marrow.yaml", "relapse-stratum", "COG_AALL1331");

        assertThat(intermediate.summary()).contains("CD19-negative, no blinatumomab").doesNotContain("blinatumomab consolidation");
        assertThat(low.summary()).contains("no blinatumomab").doesNotContain("blinatumomab blocks");
        assertThat(low.note()).doesNotContain("consider blinatumomab");
    }

    @Test
    void orderChecks_sayAReasonTheLabelProfilesShareOnce_andNameSchemesInWords() {
        assertThat(summary("tests/orders/two-orders.yaml", "order-check", "CART_PRODUCT")).isEqualTo(
                "Tisagenlecleucel (CAR-T) order: label criteria not met: first relapse, not refractory (EMA, FDA)");
        assertThat(summary("tests/orders/two-orders.yaml", "order-check", "HSCT_REFERRAL"))
                .isEqualTo("HSCT referral: HSCT not indicated by BFM and COG");
    }

    @Test
    void aCarTLabelMetButForTheAge_saysTheCheckWaitsForTheBirthDate() {
        Finding cart = finding("tests/relapse/missing-data/birth-date-missing-second-relapse.yaml", "cart-eligibility", "FDA");

        assertThat(cart.summary()).isEqualTo("CAR-T label not checked: birth date not recorded (the label's age limits)");
    }

    @Test
    void aTAllRelapse_isNeverToldToCheckCarT() {
        Finding na = finding("tests/relapse/t-all/t-all-second-relapse.yaml", "relapse-stratum", "COG_AALL1331");

        assertThat(na.note()).doesNotContain("Check CAR-T").contains("No CD19-directed therapy applies");
    }

    @Test
    void anOrderThatCouldNotBeChecked_namesWhatIsMissingInWords_andTheOrderByItsName() {
        assertThat(summary("tests/orders/hsct-referral-site-not-recorded.yaml", "order-check", "HSCT_REFERRAL"))
                .isEqualTo("HSCT referral could not be checked: relapse site not recorded");
        assertThat(summary("tests/orders/cart-second-relapse-lineage-not-recorded.yaml", "order-check", "CART_PRODUCT"))
                .isEqualTo("Tisagenlecleucel (CAR-T) order could not be checked: lineage not recorded");
    }

    /**
     * A relapse site recorded but contradicted by the relapse's own work-up (a CNS3, testicular involvement, its marrow
     * count) is not used: the order card says so as the relapse card does ("contradicted by its work-up"), never "not
     * recorded", nor "records conflict" (there is no other relapse record), and names the sites the record still allows
     * in its summary; its note asks to correct the site without saying again why, or which sites are left.
     */
    @Test
    void aContradictedRelapseSite_isSaidContradictedByItsWorkUp_withTheSitesLeft() {
        String combinedOrIem = "relapse site contradicted by its work-up (combined or isolated extramedullary)";
        for (String file : List.of("tests/orders/blinatumomab-low-risk-isolated-marrow-contradicted-by-cns3.yaml",
                "tests/orders/blinatumomab-low-risk-isolated-marrow-contradicted-by-testicular-involvement.yaml",
                "tests/orders/blinatumomab-low-risk-isolated-testicular-beside-cns3-marrow-not-recorded.yaml")) {
            Finding check = finding(file, "order-check");
            assertThat(check.summary()).as(file).isEqualTo("Blinatumomab order could not be checked: " + combinedOrIem);
            assertThat(check.note()).as(file)
                    .isEqualTo("Correct the relapse site, or sign MedicationRequest/blina-1 with the reason.");
        }
        assertThat(summary("tests/orders/hsct-referral-isolated-marrow-contradicted-by-cns3-between-18-and-36-months.yaml",
                "order-check", "HSCT_REFERRAL")).isEqualTo("HSCT referral could not be checked: " + combinedOrIem);
        String marrow30 = "tests/orders/hsct-referral-isolated-cns-contradicted-by-marrow-30-3-months-after-therapy-"
                + "diagnosis-date-not-recorded.yaml";
        assertThat(summary(marrow30, "order-check", "HSCT_REFERRAL")).isEqualTo("HSCT referral could not be checked: "
                + "diagnosis date not recorded; relapse site contradicted by its work-up (isolated marrow or combined)");
        assertThat(finding(marrow30, "order-check", "HSCT_REFERRAL").note()).isEqualTo("Correct the relapse site, "
                + "record the diagnosis date, or sign ServiceRequest/hsct-referral-1 with the reason.");
        for (String file : List.of("tests/relapse/integrity/isolated-marrow-site-beside-cns3-at-the-relapse-work-up.yaml",
                "tests/relapse/iem-two-sites/late-testicular-marrow-30-contradicts-site.yaml")) {
            assertThat(lead(file).summary()).as(file).contains("site contradicted by its work-up")
                    .doesNotContain("records conflict").hasSizeLessThan(140);
        }
    }

    /**
     * A relapse site not recorded that the record narrows is asked for with the sites left, as the relapse card says them,
     * in the order card's summary; its note asks to record the site, without the sites again.
     */
    @Test
    void aNarrowedRelapseSite_isAskedForWithTheSitesLeft() {
        String file = "tests/orders/hsct-referral-no-site-marrow-30-3-months-after-therapy-diagnosis-date-not-recorded.yaml";
        assertThat(summary(file, "order-check", "HSCT_REFERRAL")).isEqualTo("HSCT referral could not be checked: "
                + "diagnosis date not recorded; relapse site not recorded (isolated marrow or combined)");
        assertThat(finding(file, "order-check", "HSCT_REFERRAL").note())
                .isEqualTo("Record the diagnosis date and the relapse site, or sign ServiceRequest/hsct-referral-1 with the reason.");
    }

    @Test
    void aCarTLabelMetUnderOneProfileOnly_namesThatProfile() {
        assertThat(summary("tests/relapse/post-hsct-first-relapse.yaml", "cart-eligibility", "EMA"))
                .startsWith("CAR-T (tisagenlecleucel) label criteria met (EMA profile)");
        assertThat(summary("tests/relapse/worked-example-e.yaml", "cart-eligibility", "FDA"))
                .startsWith("CAR-T (tisagenlecleucel) label criteria met: ");
    }

    @Test
    void diseaseNoCd19DrugCanTarget_isReferredWithoutCarT() {
        assertThat(summary("tests/relapse/t-all/t-all-refractory.yaml", "refractory", null))
                .endsWith("refer for HSCT (no CD19-directed therapy)");
        assertThat(finding("tests/relapse/cart-cd19-negative.yaml", "relapse-stratum", "COG_AALL1331").note())
                .doesNotContain("Check CAR-T").contains("No CD19-directed therapy applies");
    }

    /** A CD19 result that may say negative (results in conflict) makes the CD19-directed step conditional. */
    @Test
    void aStratumAdvisingBlinatumomab_withCd19Undecided_saysIfCd19Positive() {
        assertThat(summary("tests/relapse/cog-high-cd19-conflict.yaml", "relapse-stratum", "COG_AALL1331"))
                .endsWith(": blinatumomab consolidation if CD19-positive, then refer for HSCT");
        assertThat(finding("tests/relapse/cog-high-cd19-conflict.yaml", "relapse-stratum", "COG_AALL1331").note())
                .contains("CD19 results conflict: blinatumomab needs CD19-positive disease.");
    }

    @Test
    void aLineageThatIsNotKnown_isNamedAndAskedForByTheLeadingFinding() {
        // the stratum that waits for it leads; the lineage's own missing-data finding stays beside it
        String notRecorded = "tests/relapse/lineage-not-recorded/late-marrow-mrd-0.3.yaml";
        assertThat(lead(notRecorded).summary()).contains("lineage not known").endsWith("record the lineage");
        assertThat(finding(notRecorded, "missing-data").summary()).startsWith("Lineage (B or T) not known");
        // records that conflict hold it: they are named, and corrected, never recorded again
        assertThat(lead("tests/relapse/missing-data/lineage-conflict.yaml").summary())
                .contains("lineage records conflict").endsWith("correct the lineage");
        assertThat(finding("tests/relapse/missing-data/lineage-conflict.yaml", "missing-data").summary())
                .startsWith("Lineage records conflict").endsWith("; correct it");
    }

    @Test
    void anOrderThatCouldNotBeChecked_asksToRecordTheInputsByName_andToSignTheOrderItNames() {
        assertThat(finding("tests/orders/cart-second-relapse-lineage-not-recorded.yaml", "order-check").note())
                .isEqualTo("Record the lineage, or sign MedicationRequest/cart-1 with the reason.");
        assertThat(finding("tests/orders/cart-birth-date-and-lineage-not-recorded.yaml", "order-check").note())
                .isEqualTo("Record the birth date and the lineage, or sign MedicationRequest/cart-1 with the reason.");
    }

    @Test
    void aCheckOfABlinatumomabOrder_saysEachReasonBrieflyInItsSummary_andInFullInItsNote() {
        Finding check = finding("tests/orders/t-all-cd19-directed-orders.yaml", "order-check", "BLINATUMOMAB");
        assertThat(check.summary()).isEqualTo("Blinatumomab order: label criteria not met: T-lineage ALL; end-of-block-1 MRD below 0.1 %");
        assertThat(check.note()).contains("T-lineage ALL: blinatumomab is CD19-directed");
    }

    @Test
    void anUndeterminedGroup_namesItsPossibleGroupsInWords() {
        assertThat(finding("tests/risk/missing-data/cns-status-missing.yaml", "risk-group").summary())
                .isEqualTo("COG risk group undetermined (low or high risk): record CNS status");
    }

    @Test
    void aBlinatumomabOrderForRelapsedOrRefractoryDisease_isNeverCalledOffLabelForItsRelapseNumberOrRemission() {
        Finding check = finding("tests/orders/blinatumomab-several-reasons.yaml", "order-check");
        assertThat(check.summary()).isEqualTo("Blinatumomab order: label criteria not met: CD19-negative disease");
        assertThat(check.note()).doesNotContain("relapse number", "remission");
    }

    @Test
    void aMarrowCountGivenAsABound_isNotExact_notNotRecorded() {
        assertThat(finding("tests/orders/cart-refractory-not-known.yaml", "order-check").summary())
                .isEqualTo("Tisagenlecleucel (CAR-T) order could not be checked: end-of-block-1 marrow blasts not exact");
    }

    @Test
    void aRelapseDatedBeforeTheDiagnosis_isSaidToBeMisdated_neverNotRecorded() {
        for (String file : List.of("tests/orders/blinatumomab-relapse-before-diagnosis.yaml",
                "tests/orders/cart-relapse-before-diagnosis.yaml")) {
            Finding check = finding(file, "order-check");
            assertThat(check.summary()).as(file).endsWith("could not be checked: relapse dated before the diagnosis; check the date");
            assertThat(check.note()).as(file).contains("Check the relapse and diagnosis dates").doesNotContain("not recorded");
        }
    }

    @Test
    void aRelapseWithoutAFullDate_isSaidToLackAFullDate_notToBeUnrecorded() {
        assertThat(finding("tests/orders/cart-relapse-month-only.yaml", "order-check").summary())
                .isEqualTo("Tisagenlecleucel (CAR-T) order could not be checked: relapse without a full date; check the date");
    }

    @Test
    void block1BlastsThatMayBeRefractory_leaveTheStratumUndecided_andAskForTheExactCount() {
        String file = "tests/relapse/edge-cases/block1-low-mrd-blasts-bound-across-cutoff.yaml";
        Finding cog = finding(file, "relapse-stratum", "COG_AALL1331");

        assertThat(cog.summary()).isEqualTo(
                "COG stratum undecided: end-of-block-1 blasts > 2 % may be 5 % or more (refractory); report the exact count");
        assertThat(cog.note()).contains("refractory; below: COG low risk").doesNotContain("no HSCT");
        assertThat(summary(file, "hsct-indication", "COG_AALL1331"))
                .isEqualTo("HSCT decision (COG) pending exact end-of-block-1 marrow blasts");
    }

    /** After a relapse the group at diagnosis is history, but very high risk never looks less urgent than high. */
    @Test
    void veryHighRiskAfterARelapse_isAtLeastAsUrgentAsHighRisk() {
        Finding veryHigh = finding("tests/risk/edge-cases/very-high-risk-after-a-relapse.yaml", "risk-group");

        assertThat(veryHigh.value()).isEqualTo("VERY_HIGH");
        assertThat(veryHigh.indicator()).isEqualTo(org.allcds.facts.Indicator.WARNING);
    }

    /** An end-of-induction MRD that is there but not a number is named, not awaited as if none were recorded. */
    @Test
    void anEoiMrdThatIsNotANumber_isNamedInThePendingSummary() {
        for (String file : List.of("tests/risk/integrity/only-eoi-mrd-coded-not-detected.yaml",
                "tests/risk/integrity/only-eoi-mrd-as-text.yaml")) {
            assertThat(summary(file, "risk-group", "COG_AALL08B1")).as(file)
                    .isEqualTo("COG risk group pending: end-of-induction MRD not a number (provisional: NCI standard risk)");
        }
    }

    /**
     * Copies of one record that differ were resolved as the data contract says (the one last updated counts): the card
     * names the copy as information; it blocked no decision, so it does not make the card a warning.
     */
    @Test
    void copiesThatDiffer_areInformation_notAWarning() {
        Finding copies = finding("tests/risk/integrity/d3-patient-twice-different-birth-dates.yaml", "data-quality");

        assertThat(copies.value()).isEqualTo("duplicate-resource");
        assertThat(copies.indicator()).isEqualTo(org.allcds.facts.Indicator.INFO);
    }

    /**
     * Another patient's record filed under the child (a feed fault, data contract §2a D2) is a line on the order card,
     * never the reason it gives: the site still awaits the child's own lumbar puncture, as without that record.
     */
    @Test
    void anotherPatientsRecord_besideTheChildsOwnResultNotYetFinal_leavesTheChildsReasonLeading() {
        Finding check = finding("tests/orders/blinatumomab-relapse-site-open-beside-cns-status-not-yet-final-another-"
                + "patients-lp-earlier.yaml", "order-check");

        assertThat(check.summary()).isEqualTo("Blinatumomab order could not be checked: relapse site (CNS status not yet "
                + "final); records of another patient, or naming none, left out");
        assertThat(check.note()).contains("Await the final result. A record that may hold it could not be used: "
                + "check the EHR feed");
        assertThat(finding("tests/orders/hsct-referral-block1-mrd-preliminary-another-patients-mrd.yaml", "order-check")
                .summary()).isEqualTo("HSCT referral could not be checked: end-of-block-1 MRD (2019-09-24) not yet final "
                + "(end-of-block-1 MRD); records not used (see the card)");
    }

    /**
     * On the relapse card too, another patient's record left out is a line beside the patient's own records not used
     * (not yet final, unreadable, dated before the diagnosis), never what the card leads with: every card says what it
     * says without that record.
     */
    @Test
    void anotherPatientsRecord_besideTheChildsOwnRecordNotUsed_leavesTheRelapseCardsSummary() {
        for (String own : List.of("tests/relapse/preliminary-results/relapse-preliminary-only-not-classified",
                "tests/relapse/integrity/own-relapse-no-id-status-a-number", "tests/relapse/edge-cases/e6-relapse-before-diagnosis")) {
            String beside = own + (own.contains("e6-") ? "-another-patients-wbc" : "-another-patients-relapse");
            assertThat(cardSummaries(beside + ".yaml")).as(beside).isEqualTo(cardSummaries(own + ".yaml"));
        }
    }

    /**
     * An ALL diagnosis left out because its verification status cannot be read (D5: it may have said entered-in-error)
     * is named for that on the risk and the relapse card alike, never as a diagnosis date missing: its date is there.
     * An unreadable clinical status beside it is informative only and does not change what the card asks.
     */
    @Test
    void aDiagnosisWhoseVerificationStatusCannotBeRead_isNamedForIt_notAsItsDateMissing() {
        for (String file : List.of("tests/risk/integrity/diagnosis-verification-status-unreadable.yaml",
                "tests/risk/integrity/diagnosis-clinical-and-verification-status-unreadable.yaml",
                "tests/relapse/integrity/diagnosis-verification-status-unreadable.yaml")) {
            String date = file.contains("relapse/") ? "2015-02-10" : "2024-05-06";

            assertThat(finding(file, "missing-data").summary()).as(file).doesNotContain("date missing")
                    .contains("diagnosis record", "cannot be used", "correct its verification status")
                    .hasSizeLessThan(140);
            assertThat(cardDetails(file)).as(file).anyMatch(detail -> detail.contains("Not used: ALL diagnosis ("
                    + date + ")") && detail.contains("verification status not valid FHIR"))
                    .noneMatch(detail -> detail.contains("diagnosis date"));
        }
        // what the unused record leaves really missing is still named
        assertThat(cardDetails("tests/relapse/integrity/diagnosis-verification-status-unreadable.yaml"))
                .anyMatch(detail -> detail.contains("**Missing:** lineage."));
    }

    /**
     * A chart with ALL results but no ALL diagnosis Condition lacks the diagnosis record, not only its date: the risk
     * and the relapse card say that the ALL diagnosis is not recorded and ask to add it, never that its date is missing.
     */
    @Test
    void noAllDiagnosisCondition_isNamedAsTheDiagnosisNotRecorded_notAsItsDateMissing() {
        for (String file : List.of("tests/risk/missing-data/diagnosis-missing.yaml",
                "tests/risk/missing-data/diagnosis-missing-beside-every-result.yaml",
                "tests/relapse/missing-data/diagnosis-missing.yaml",
                // a void Condition is not the patient's diagnosis: nothing to confirm, none recorded (D5)
                "tests/risk/missing-data/only-an-entered-in-error-all-condition.yaml")) {
            assertThat(finding(file, "missing-data").summary()).as(file)
                    .isEqualTo("ALL diagnosis not recorded: risk group and relapse timing cannot be computed");
            assertThat(cardDetails(file)).as(file).hasSize(1).allMatch(detail -> detail.startsWith(
                    "Add the ALL diagnosis (Condition) to the record") && detail.contains("**Missing:** ALL diagnosis")
                    && !detail.contains("diagnosis date"));
        }
    }

    /**
     * A chart whose only ALL Condition is not confirmed (provisional) has the Condition and its date: what it lacks is a
     * confirmed diagnosis. The risk and relapse cards say so and ask to confirm it, never that its date is missing.
     */
    @Test
    void onlyAProvisionalAllCondition_isNamedAsTheDiagnosisNotConfirmed_notAsItsDateMissing() {
        for (String file : List.of("tests/risk/missing-data/only-a-provisional-all-condition-diagnosis-date-missing.yaml",
                "tests/relapse/missing-data/only-a-provisional-all-condition.yaml")) {
            assertThat(finding(file, "missing-data").summary()).as(file)
                    .isEqualTo("ALL diagnosis not confirmed: risk group and relapse timing cannot be computed");
            assertThat(cardDetails(file)).as(file).hasSize(1).allMatch(detail -> detail.startsWith(
                    "Once the ALL diagnosis is confirmed, set its verification status to confirmed")
                    && detail.contains("**Missing:** confirmed ALL diagnosis") && !detail.contains("diagnosis date"));
        }
    }

    /**
     * An order check on a chart without any ALL diagnosis Condition names the diagnosis as not recorded, and beside
     * only a provisional one as not confirmed; never the diagnosis date, which only an undated Condition lacks.
     */
    @Test
    void orderCheckWithoutAConfirmedAllCondition_namesTheDiagnosis_notItsDate() {
        String added = "Add the ALL diagnosis (Condition) to the record";
        assertNamesTheDiagnosis("blinatumomab-all-diagnosis-not-recorded", "ALL diagnosis not recorded", added,
                "ALL diagnosis, lineage");
        assertNamesTheDiagnosis("hsct-referral-all-diagnosis-not-recorded", "ALL diagnosis not recorded", added,
                "ALL diagnosis, lineage");
        assertNamesTheDiagnosis("blinatumomab-all-diagnosis-not-confirmed", "ALL diagnosis not confirmed",
                "Once the ALL diagnosis is confirmed, set its verification status to confirmed",
                "confirmed ALL diagnosis, lineage");
        // an undated Condition lacks its date, and the card says so
        assertThat(finding("tests/orders/blinatumomab-diagnosis-date-not-recorded.yaml", "order-check").summary())
                .isEqualTo("Blinatumomab order could not be checked: diagnosis date not recorded");
    }

    /**
     * Without any ALL diagnosis Condition (none sent, or only one entered in error) the lineage its code would give is
     * missing only because the diagnosis is: an order card names the diagnosis once, as the one thing to record, and its
     * finding still lists both inputs. Beside an immunophenotype that gives the lineage nothing changes; another
     * patient's Condition is named as the record left out.
     */
    @Test
    void orderCheckWithoutAnyAllCondition_namesTheDiagnosisOnce_notTheLineageItWouldGive() {
        for (String scenario : List.of("blinatumomab-all-diagnosis-not-recorded", "hsct-referral-all-diagnosis-not-recorded",
                "blinatumomab-only-an-entered-in-error-all-condition")) {
            Finding check = finding("tests/orders/" + scenario + ".yaml", "order-check");
            assertThat(check.summary()).as(scenario).endsWith(" could not be checked: ALL diagnosis not recorded");
            assertThat(check.note()).as(scenario).startsWith("Add the ALL diagnosis (Condition) to the record, or sign ")
                    .doesNotContain("lineage");
            assertThat(check.missing()).as(scenario).containsExactly("diagnosis-date", "lineage");
        }
        Finding byImmunophenotype = finding("tests/orders/blinatumomab-all-diagnosis-not-recorded-lineage-by-"
                + "immunophenotype.yaml", "order-check");
        assertThat(byImmunophenotype.summary()).isEqualTo("Blinatumomab order could not be checked: ALL diagnosis not recorded");
        assertThat(byImmunophenotype.missing()).containsExactly("diagnosis-date");
        assertThat(finding("tests/orders/blinatumomab-only-all-diagnosis-of-another-patient.yaml", "order-check").summary())
                .isEqualTo("Blinatumomab order could not be checked: records of another patient, or naming none, left out "
                        + "(diagnosis date, lineage)");
    }

    /**
     * Beside only unconfirmed ALL Conditions whose code gives the lineage (B-ALL), the lineage is recorded, on the
     * diagnosis not yet confirmed: an order card names the diagnosis as not confirmed, with the one step, and not the
     * lineage apart. Its findings still list the lineage (the Condition is not used until confirmed), and the "Missing"
     * line names both. A Condition whose code gives no lineage leaves the lineage asked for.
     */
    @Test
    void orderCheckBesideAnUnconfirmedDiagnosisWhoseCodeGivesTheLineage_namesTheDiagnosisAlone() {
        String confirm = "Once the ALL diagnosis is confirmed, set its verification status to confirmed, or sign ";
        assertNamesTheDiagnosisAlone("blinatumomab-all-diagnosis-not-confirmed", "Blinatumomab order",
                "ALL diagnosis not confirmed", confirm, "confirmed ALL diagnosis, lineage");
        assertNamesTheDiagnosisAlone("cart-second-relapse-all-diagnosis-not-confirmed", "Tisagenlecleucel (CAR-T) order",
                "ALL diagnosis not confirmed", confirm, "confirmed ALL diagnosis, lineage");
        assertThat(finding("tests/orders/blinatumomab-all-diagnosis-not-confirmed.yaml", "order-check").missing())
                .containsExactly("diagnosis-date", "lineage");
        assertThat(finding("tests/orders/cart-second-relapse-all-diagnosis-not-confirmed.yaml", "order-check").missing())
                .containsExactly("lineage");

        Finding noLineageInTheCode = finding("tests/orders/blinatumomab-all-diagnosis-not-confirmed-code-without-lineage.yaml",
                "order-check");
        assertThat(noLineageInTheCode.summary())
                .isEqualTo("Blinatumomab order could not be checked: ALL diagnosis not confirmed; lineage not recorded");
        assertThat(noLineageInTheCode.note()).contains("record the lineage");
    }

    /**
     * A CAR-T check needs the lineage and no diagnosis date: on a chart without any ALL Condition, and no immunophenotype
     * that gives the lineage, the lineage is missing because the diagnosis is, and its card names the diagnosis as not
     * recorded, as the blinatumomab card does, with the one step; the finding lists the lineage alone (the input the
     * check lacks), the "Missing" line names both. A confirmed ALL Condition without a lineage leaves it asked for.
     */
    @Test
    void cartOrderCheckWithoutAnyAllCondition_namesTheDiagnosisNotRecorded() {
        assertNamesTheDiagnosisAlone("cart-second-relapse-all-diagnosis-not-recorded", "Tisagenlecleucel (CAR-T) order",
                "ALL diagnosis not recorded", "Add the ALL diagnosis (Condition) to the record, or sign ",
                "ALL diagnosis, lineage");
        assertThat(finding("tests/orders/cart-second-relapse-all-diagnosis-not-recorded.yaml", "order-check").missing())
                .containsExactly("lineage");
        assertThat(summary("tests/orders/cart-second-relapse-lineage-not-recorded.yaml", "order-check", "CART_PRODUCT"))
                .isEqualTo("Tisagenlecleucel (CAR-T) order could not be checked: lineage not recorded");
    }

    /**
     * Beside only unconfirmed ALL Conditions coded B-ALL, and no immunophenotype, the lineage is recorded, on a diagnosis
     * not yet confirmed: the CAR-T label check's "Not checked" line, on the relapse card and on the CAR-T order card,
     * names the diagnosis as not confirmed, as the card's summary does, never the lineage as not recorded; its findings
     * still list the lineage. A Condition whose code gives no lineage leaves the lineage asked for.
     */
    @Test
    void cartCheckBesideAnUnconfirmedBAllDiagnosis_namesTheDiagnosisNotConfirmed_notTheLineage() {
        String notChecked = "**Not checked:** CAR-T label (EMA, FDA): ";
        java.util.Map<String, String> lines = java.util.Map.of(
                "tests/relapse/missing-data/second-relapse-only-a-provisional-b-all-condition.yaml",
                "ALL diagnosis not confirmed.",
                "tests/orders/cart-second-relapse-all-diagnosis-not-confirmed.yaml", "ALL diagnosis not confirmed.",
                "tests/relapse/edge-cases/block1-blasts-bound-only-a-provisional-b-all-condition.yaml",
                "refractory disease not known (end-of-block-1 blasts > 2 %); ALL diagnosis not confirmed.",
                "tests/relapse/undated-block1-blasts/blasts-7-undated-only-a-provisional-b-all-condition.yaml",
                "end-of-block-1 marrow blasts 7 % without a full date; add the full date to its record; ALL diagnosis not "
                        + "confirmed.");
        lines.forEach((file, line) -> {
            assertThat(cardDetails(file)).as(file).hasSize(1).allMatch(detail -> detail.contains(notChecked + line));
            assertThat(finding(file, "cart-eligibility", "FDA").summary()).as(file).doesNotContain("lineage")
                    .hasSizeLessThan(140);
            assertThat(finding(file, "cart-eligibility", "FDA").missing()).as(file).contains("lineage");
        });
        assertThat(cardDetails("tests/relapse/lineage-not-recorded/second-relapse.yaml").get(0))
                .as("a confirmed Condition coded ALL alone").contains(notChecked + "lineage not recorded.");
    }

    /**
     * A card can lead with a finding that names no diagnosis gap beside the one that does: a refractory first relapse on
     * a chart without any ALL Condition leads with refractory disease (it needs no diagnosis date), and R-DATA-02 beside
     * it finds the ALL diagnosis not recorded. The "Missing" line names the record, not its date: a chart has one gap at
     * most, so the line reads it from whichever finding on the card carries it, not only from the summary's.
     */
    @Test
    void aCardLeadingWithAnotherFinding_stillNamesTheDiagnosisGapOnItsMissingLine() {
        String file = "tests/relapse/missing-data/refractory-first-relapse-no-all-condition.yaml";

        assertThat(lead(file).type()).isEqualTo("refractory");
        assertThat(lead(file).diagnosisGap()).isNull();
        assertThat(cardDetails(file)).hasSize(1).allMatch(detail -> detail.contains("**Missing:** ALL diagnosis, lineage.")
                && !detail.contains("diagnosis date"));
    }

    /** The order scenario's check says {@code gap} alone, asks {@code ask} first, and its card lists {@code missing}. */
    private static void assertNamesTheDiagnosisAlone(String scenario, String order, String gap, String ask, String missing) {
        String file = "tests/orders/" + scenario + ".yaml";
        Finding check = finding(file, "order-check");
        assertThat(check.summary()).as(file).isEqualTo(order + " could not be checked: " + gap);
        assertThat(check.note()).as(file).startsWith(ask).doesNotContain("lineage");
        assertThat(cardDetails(file)).as(file).hasSize(1)
                .allMatch(detail -> detail.contains("**Missing:** " + missing + "."));
    }

    /** The order scenario's check names the diagnosis {@code as}, asks {@code ask} first, and lists {@code missing}. */
    private static void assertNamesTheDiagnosis(String scenario, String as, String ask, String missing) {
        String file = "tests/orders/" + scenario + ".yaml";
        Finding check = finding(file, "order-check");
        assertThat(check.summary()).as(file).contains("could not be checked: " + as).doesNotContain("diagnosis date")
                .hasSizeLessThan(140);
        assertThat(check.note()).as(file).startsWith(ask);
        assertThat(cardDetails(file)).as(file).hasSize(1).allMatch(detail -> detail.contains("**Missing:** " + missing
                + ".") && !detail.contains("diagnosis date"));
    }

    /** A chart whose every ALL record exists but cannot be used gets a card naming them, never silence. */
    @Test
    void everyAllRecordLeftOutForAStatusThatCannotBeRead_getsACardNamingThem() {
        String file = "tests/risk/integrity/diagnosis-verification-status-and-every-result-status-unreadable.yaml";

        assertThat(cardSummaries(file)).hasSize(1);
        assertThat(cardDetails(file).get(0)).contains("ALL diagnosis (2024-05-06), verification status not valid FHIR",
                "status not valid FHIR");
    }

    private static List<String> cardSummaries(String file) {
        return ScenarioRecords.bundled().records().stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow()
                .evaluation().cards().stream().map(card -> card.summary()).toList();
    }

    private static List<String> cardDetails(String file) {
        return ScenarioRecords.bundled().records().stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow()
                .evaluation().cards().stream().map(card -> card.detail()).toList();
    }
}
