package org.allcds.facts;

import java.util.Set;

/**
 * The data-quality codes ({@link DataQualityIssue#code()}, the {@code data-quality} finding's value): one home for the
 * strings the facts and the cards compare, as the local CodeSystem and the findings vocabulary declare them. Rules may
 * use them too ({@code DataQualityIssue( code == DataQualityCodes.CONFLICTING_RESULTS )}).
 */
public final class DataQualityCodes {

    public static final String RELAPSE_BEFORE_DIAGNOSIS = "relapse-before-diagnosis";
    public static final String DIAGNOSIS_BEFORE_BIRTH = "diagnosis-before-birth";
    public static final String EVALUATION_BEFORE_BIRTH = "evaluation-before-birth";
    public static final String UNIT_NOT_CONVERTIBLE = "unit-not-convertible";
    public static final String CENSORED_VALUE = "censored-value";
    public static final String IMPRECISE_DATE = "imprecise-date";
    public static final String MISSING_DATE = "missing-date";
    public static final String FOREIGN_SUBJECT_EXCLUDED = "foreign-subject-excluded";
    public static final String DUPLICATE_RESOURCE = "duplicate-resource";
    public static final String CONFLICTING_RESULTS = "conflicting-results";
    public static final String DATED_AFTER_EVALUATION_TIME = "dated-after-evaluation-time";
    public static final String INVALID_VALUE = "invalid-value";
    public static final String VALUE_OUT_OF_RANGE = "value-out-of-range";
    public static final String DRAFT_ORDER_WITHOUT_ID = "draft-order-without-id";
    public static final String CODE_NOT_RECOGNISED = "code-not-recognised";
    public static final String DATED_BEFORE_RELAPSE = "dated-before-relapse";
    public static final String DATED_BEFORE_DIAGNOSIS = "dated-before-diagnosis";
    public static final String VALUE_NOT_A_QUANTITY = "value-not-a-quantity";
    public static final String SPECIMEN_CONTRADICTS_TIMEPOINT = "specimen-contradicts-timepoint";
    public static final String MAY_FOLLOW_RELAPSE = "may-follow-relapse";
    /** A diagnosis whose date the record contradicts: its date is what was not used, the Condition still counts. */
    public static final String DIAGNOSIS_DATE_CONTRADICTED = "diagnosis-date-contradicted";
    /** A result not yet final (registered or preliminary): not used, its final result awaited. */
    public static final String PRELIMINARY_RESULT = "preliminary-result";

    /** A record without a full date: none, or a year or month only. */
    public static final Set<String> UNDATED = Set.of(MISSING_DATE, IMPRECISE_DATE);
    /** A birth date later than the diagnosis or the evaluation time: no age can be computed. */
    public static final Set<String> BIRTH_DATE_ERRORS = Set.of(DIAGNOSIS_BEFORE_BIRTH, EVALUATION_BEFORE_BIRTH);

    private DataQualityCodes() {
    }
}
