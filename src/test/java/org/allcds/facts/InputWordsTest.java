package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a card asks about an input whose record is there but cannot be used: what is wrong with it, never to record it. */
class InputWordsTest {

    private static final String CNS = Input.CNS_STATUS.code();
    private static final String LINEAGE = Input.LINEAGE.code();
    private static final String WBC = Input.WBC_AT_DIAGNOSIS.code();

    /** The one issue the facts hold: its code, element and record. */
    private static List<DataQualityIssue> issue(String code, String detail, String recordName) {
        return List.of(new DataQualityIssue(code, detail, "Observation/r1", recordName));
    }

    @Test
    void anInputHeldOnlyInARecordWithoutAFullDate_isAskedToBeDated() {
        List<DataQualityIssue> undated = issue("missing-date", "Observation.effective[x]", "CNS status");
        List<DataQualityIssue> monthOnly = issue("imprecise-date", "Observation.effective[x]",
                "Immunophenotype (2024-05)");

        assertThat(InputWords.unusableWhy(CNS, undated)).isEqualTo("without a full date");
        assertThat(InputWords.ask(CNS, undated, "the CNS status")).isEqualTo("add the full date to the CNS status record");
        assertThat(InputWords.askInSummary(CNS, undated)).isEqualTo("add the full date to the CNS status record");
        assertThat(InputWords.ask(LINEAGE, monthOnly, "it")).isEqualTo("add the full date to its record");
        assertThat(InputWords.needed(LINEAGE, monthOnly)).isEqualTo("lineage (without a full date)");
        assertThat(InputWords.notHeld(new String[] {CNS, WBC}, undated)).containsExactly(WBC);
    }

    /**
     * Beside an ALL diagnosis not recorded, or not confirmed where its code gives the lineage, the lineage is not asked
     * for apart: the diagnosis record (named by its date) is, in its place where the check lacks no diagnosis date (a
     * CAR-T check). The lineage is asked for where the diagnosis is only undated, or to confirm with a code that gives
     * none, or where the patient's immunophenotype is there but cannot be used.
     */
    @Test
    void theLineage_isAskedForApartFromAnAllDiagnosisNotRecorded_onlyForAReasonOfItsOwn() {
        String[] names = {InputWords.DIAGNOSIS_DATE, LINEAGE, Input.BIRTH_DATE.code()};
        String[] cart = {Input.BIRTH_DATE.code(), LINEAGE};
        List<Object> noCondition = List.of(new NoAllCondition());
        List<Object> unreadLineage = List.of(new NoAllCondition(), new DataQualityIssue("imprecise-date",
                "Observation.effective[x]", "Observation/r1", "Immunophenotype (2024-05)"));
        List<Object> toConfirmWithLineage = List.of(new AllDiagnosisToConfirm(true));

        assertThat(InputWords.askedBesideTheDiagnosis(names, noCondition))
                .containsExactly(InputWords.DIAGNOSIS_DATE, Input.BIRTH_DATE.code());
        assertThat(InputWords.askedBesideTheDiagnosis(names, toConfirmWithLineage))
                .containsExactly(InputWords.DIAGNOSIS_DATE, Input.BIRTH_DATE.code());
        assertThat(InputWords.askedBesideTheDiagnosis(cart, noCondition))
                .containsExactly(Input.BIRTH_DATE.code(), InputWords.DIAGNOSIS_DATE);
        assertThat(InputWords.askedBesideTheDiagnosis(new String[] {LINEAGE}, toConfirmWithLineage))
                .containsExactly(InputWords.DIAGNOSIS_DATE);
        assertThat(InputWords.askedBesideTheDiagnosis(names, unreadLineage)).containsExactly(names);
        assertThat(InputWords.askedBesideTheDiagnosis(names, List.of(new AllDiagnosisToConfirm(false))))
                .containsExactly(names);
        assertThat(InputWords.askedBesideTheDiagnosis(names, List.of())).containsExactly(names);
        assertThat(InputWords.askedBesideTheDiagnosis(new String[] {Input.BIRTH_DATE.code()}, noCondition))
                .containsExactly(Input.BIRTH_DATE.code());
    }

    /**
     * Why a check lacks an input, as a summary says it right after the input: the first reason its records cannot be
     * used, else "not recorded"; the order cards and the CAR-T label's "Not checked" line say it alike.
     */
    @Test
    void whyACheckLacksAnInput_isTheFirstReasonItsRecordsCannotBeUsed_elseNotRecorded() {
        assertThat(InputWords.lackingWhy(LINEAGE, issue("missing-date", "Observation.effective[x]", "Immunophenotype")))
                .isEqualTo("without a full date");
        assertThat(InputWords.lackingWhy(Input.BIRTH_DATE.code(), issue("diagnosis-before-birth",
                "Condition.extension:assertedDate", "ALL diagnosis (2015-02-10)"))).isEqualTo("later than the diagnosis");
        assertThat(InputWords.lackingWhy(LINEAGE, List.of())).isEqualTo("not recorded");
    }

    /**
     * What is wrong with a relapse's date is asked in one set of words, which the relapse card and the order cards both
     * take: the date of a relapse without a full date is that of its confirming sample (convention C-05).
     */
    @Test
    void whatIsWrongWithARelapseDate_isAskedInTheSameWordsEverywhere() {
        assertThat(InputWords.relapseDateAsk(InputWords.RELAPSE_DATE_NOT_FULL))
                .isEqualTo("record the date of the confirming sample");
        assertThat(InputWords.relapseDateAsk(InputWords.RELAPSE_BEFORE_DIAGNOSIS))
                .isEqualTo("check the relapse and diagnosis dates");
        assertThat(InputWords.relapseDateAsk(InputWords.RELAPSE_NOT_CONFIRMED))
                .isEqualTo("once the relapse is confirmed, record it as final");
    }

    /**
     * What to do about one record not used, for a text that has just named it: each fault of the record the part at
     * fault; no fix where the issue is no fault of a record of that input (another patient's, not yet final, another
     * input's record), so that the caller gives its own remedy.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            missing-date | Observation.effective[x] | WBC (2024-05-06) | add the full date to its record
            imprecise-date | Observation.effective[x] | WBC (2024-05) | add the full date to its record
            unit-not-convertible | Observation.valueQuantity.code | WBC (2024-05-06) | correct its unit
            value-out-of-range | Observation.valueQuantity.value | WBC (2024-05-06) | correct it
            invalid-value | Observation.valueQuantity.value | WBC (2024-05-06) | correct it
            preliminary-result | Observation.status | WBC (2024-05-06) | null
            foreign-subject-excluded | Observation.subject | WBC (2024-05-06) | null
            unit-not-convertible | Observation.valueQuantity.code | Haemoglobin (2024-05-06) | null
            """)
    void theFixOfARecordNotUsed_isThePartAtFault_elseNone(String code, String detail, String record, String fix) {
        assertThat(InputWords.fixOf(WBC, new DataQualityIssue(code, detail, "Observation/r1", record))).isEqualTo(fix);
    }

    /** Of a specimen and of a birth date: checked, or corrected, as a card asks it. */
    @Test
    void theFixOfASpecimenOrABirthDate_checksOrCorrectsIt() {
        assertThat(InputWords.fixOf(Input.DAY8_MRD.code(), issue("specimen-contradicts-timepoint",
                "Observation.bodySite: bone marrow", "Day-8 MRD in bone marrow (2024-05-14)").get(0)))
                .isEqualTo("check its specimen");
        for (String code : List.of("diagnosis-before-birth", "evaluation-before-birth")) {
            assertThat(InputWords.fixOf(Input.BIRTH_DATE.code(), new DataQualityIssue(code, "Patient.birthDate",
                    "Patient/p1", "Patient"))).as(code).isEqualTo("correct it");
        }
    }

    @Test
    void aUnitASpecimenOrABirthDateAtFault_isAskedToBeCorrectedThere() {
        List<DataQualityIssue> unit = issue("unit-not-convertible", "Observation.valueQuantity.code", "WBC (2024-05-06)");
        List<DataQualityIssue> marrow = issue("specimen-contradicts-timepoint", "Observation.bodySite: bone marrow",
                "Day-8 MRD in bone marrow (2024-05-14)");
        List<DataQualityIssue> birth = issue("diagnosis-before-birth", "Condition.extension:assertedDate",
                "ALL diagnosis (2024-05-06)");

        assertThat(InputWords.unusableWhy(WBC, unit)).isEqualTo("with a unit that cannot be converted");
        assertThat(InputWords.askInSummary(WBC, unit)).isEqualTo("correct the unit of the WBC at diagnosis");
        assertThat(InputWords.unusableWhy(Input.DAY8_MRD.code(), marrow)).isEqualTo("specimen not peripheral blood");
        assertThat(InputWords.askInSummary(Input.DAY8_MRD.code(), marrow)).isEqualTo("check the specimen of the day-8 MRD");
        assertThat(InputWords.unusableWhy(Input.BIRTH_DATE.code(), birth)).isEqualTo("later than the diagnosis");
        assertThat(InputWords.askInSummary(Input.BIRTH_DATE.code(), birth)).isEqualTo("correct the birth date");
    }

    /**
     * A birth date after the evaluation time is after the diagnosis too: a summary and the card's "Missing" line, which
     * read the issues in different orders, give the same reason.
     */
    @Test
    void aBirthDateAfterTheDiagnosisAndTheEvaluationTime_isGivenOneReason_whateverTheFactsOrder() {
        DataQualityIssue diagnosis = issue("diagnosis-before-birth", "Condition.extension:assertedDate",
                "ALL diagnosis (2015-02-10)").get(0);
        DataQualityIssue evaluation = new DataQualityIssue("evaluation-before-birth", "Patient.birthDate", "Patient/p1");

        assertThat(InputWords.unusableWhy(Input.BIRTH_DATE.code(), List.of(evaluation, diagnosis)))
                .isEqualTo(InputWords.unusableWhy(Input.BIRTH_DATE.code(), List.of(diagnosis, evaluation)))
                .isEqualTo("later than the diagnosis");
    }

    /**
     * A relapse site left open beside a result of its work-up is said so, and the result is what to check; beside
     * relapse records that give different sites, the conflict is why, and the site is corrected.
     */
    @Test
    void aRelapseSiteLeftOpen_isSaidByTheResultItWaitsFor_unlessItsRecordsConflict() {
        String site = Input.RELAPSE_SITE.code();
        DataQualityIssue open = new DataQualityIssue("code-not-recognised",
                DataQualityIssue.siteOpenBeside("CNS status (2019-08-22)"), "Observation/r1", "Relapse (2019-08-20)");
        DataQualityIssue conflict = new DataQualityIssue("conflicting-results", "Observation.component:relapse-site",
                "Observation/r1", "Relapse (2019-08-20)");

        assertThat(InputWords.leftOpen(site, List.of(open))).contains(open);
        assertThat(InputWords.unusableWhy(site, List.of(open))).isEqualTo("CNS status not read");
        assertThat(InputWords.ask(site, List.of(open), "the site")).isEqualTo("check the CNS status");
        assertThat(InputWords.leftOpen(site, List.of(open, conflict))).isEmpty();
        assertThat(InputWords.unusableWhy(site, List.of(open, conflict))).isEqualTo("records conflict");
        assertThat(InputWords.ask(site, List.of(open, conflict), "the site")).isEqualTo("correct the site");
    }

    /** A value at fault is said as a value in conflict is: the summary gives why, and asks nothing more. */
    @Test
    void aValueOutsideThePlausibleRange_isSaidByWhy() {
        List<DataQualityIssue> range = issue("value-out-of-range", "Observation.valueQuantity.value", "WBC (2024-05-06)");

        assertThat(InputWords.unusableWhy(WBC, range)).isEqualTo("with a value outside the plausible range");
        assertThat(InputWords.askInSummary(WBC, range)).isNull();
        assertThat(InputWords.ask(WBC, range, "the WBC")).isEqualTo("correct the WBC");
    }

    /** A result dated before the relapse it should follow may be another relapse's: the input may still be to record. */
    @Test
    void aResultDatedBeforeItsRelapse_leavesTheInputToRecord() {
        List<DataQualityIssue> earlier = issue("dated-before-relapse", "Observation.effective[x]",
                "End-of-block-1 MRD (2019-08-01)");

        assertThat(InputWords.unusableWhy(Input.RELAPSE_END_BLOCK1_MRD.code(), earlier)).isNull();
    }

    @Test
    void aRelapseNumber_isCorrected_orTheQuestionItsRecordsLeaveIsAsked() {
        String number = UnclassifiedRelapse.NUMBER;
        List<DataQualityIssue> asText = issue("code-not-recognised", "Observation.component:relapse-number.valueString",
                "Relapse (2019-08-20)");
        List<DataQualityIssue> daysApart = issue("conflicting-results", "Observation.effective[x]", "Relapse (2019-08-20)");

        assertThat(InputWords.unusableWhy(number, asText)).isEqualTo("not a whole number above 0");
        assertThat(InputWords.ask(number, asText, "it")).isEqualTo("correct it");
        assertThat(InputWords.unusableWhy(number, daysApart)).isEqualTo("unclear (records under 90 days apart)");
        assertThat(InputWords.ask(number, daysApart, "it")).isEqualTo("say whether the records are one relapse or two");
        // no record gives a wrong number, so it is not corrected: an order check (which asks through ask) asks the same
        assertThat(InputWords.ask(number, daysApart, "the relapse number"))
                .isEqualTo("say whether the records are one relapse or two");
        assertThat(InputWords.ask(number, List.of(), "the relapse number")).isEqualTo("record the relapse number");
    }
}
