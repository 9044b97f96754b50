package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I4: white cell count at diagnosis, normalised to 10^9/L (= 10^3/uL), as the lab reported it: exactly, or only
 * as a bound ({@code bound}: "&gt; 100" above the analyser's range, "&lt; 0.5"). Counts of one time that disagree (8.2
 * and 8.4) are both possible: {@code per10e9L} is then the lowest and {@code highest} the highest, and the counts decide
 * a cut-off only when all of them fall on one side of it; {@code highest} is null otherwise. So are a count without a
 * full date that may be the count at diagnosis and the earliest dated one ({@code undatedRival}: which of them was
 * taken at diagnosis is not known, C-08).
 */
public record WbcAtDiagnosis(BigDecimal per10e9L, ValueBound bound, BigDecimal highest, LocalDate date,
                             String reference, boolean undatedRival) implements ClinicalInput, ReportedValue {

    /** What a card calls a WBC record, e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "WBC";

    /** An exact count. */
    public WbcAtDiagnosis(BigDecimal per10e9L, LocalDate date, String reference) {
        this(per10e9L, ValueBound.EXACT, date, reference);
    }

    /** One count, exact or a bound. */
    public WbcAtDiagnosis(BigDecimal per10e9L, ValueBound bound, LocalDate date, String reference) {
        this(per10e9L, bound, null, date, reference, false);
    }

    /** Exact counts of one time that disagree, from {@code lowest} to {@code highest}. */
    public static WbcAtDiagnosis disagreeing(BigDecimal lowest, BigDecimal highest, LocalDate date, String reference) {
        return disagreeing(lowest, highest, date, reference, false);
    }

    /** Exact counts that disagree, one of them without a full date when {@code undatedRival}. */
    public static WbcAtDiagnosis disagreeing(BigDecimal lowest, BigDecimal highest, LocalDate date, String reference,
                                             boolean undatedRival) {
        return new WbcAtDiagnosis(lowest, ValueBound.EXACT, highest, date, reference, undatedRival);
    }

    public String inputName() { return "wbcAtDiagnosis"; }

    public String displayValue() {
        return shownValue() + " x10^9/L";
    }

    public BigDecimal reportedValue() { return per10e9L; }
}
