package org.allcds.facts;

import java.time.LocalDate;

/**
 * Intervals of the latest relapse, derived in Java with the plusMonths anchor (C-02): {@code monthsFromDiagnosis} is
 * the largest n with diagnosis.plusMonths(n) &lt;= relapse, so "&gt;= N months" is {@code monthsFromDiagnosis >= N}.
 * {@code onDiagnosisMonthAnniversary} is true when diagnosis.plusMonths(monthsFromDiagnosis) is the relapse date itself
 * (needed for an exclusive boundary). {@code monthsFromEndOfTherapy} is set only when {@code therapyState} is
 * OFF_THERAPY, else it is -1.
 */
public record RelapseTiming(int monthsFromDiagnosis, boolean onDiagnosisMonthAnniversary, TherapyState therapyState,
                            int monthsFromEndOfTherapy)
        implements ClinicalInput {
    public String inputName() { return "relapseInterval"; }
    public String displayValue() {
        String therapy = switch (therapyState) {
            case ON_THERAPY -> "on front-line therapy";
            case OFF_THERAPY -> monthsFromEndOfTherapy + " completed months after end of front-line therapy";
            case UNKNOWN -> "end of front-line therapy unknown";
        };
        return monthsFromDiagnosis + " completed months from diagnosis; " + therapy;
    }
    public LocalDate date() { return null; }
    public String reference() { return null; }
    public java.util.List<String> derivedFrom() { return java.util.List.of("diagnosisDate", "relapseDate", "endOfFrontlineTherapy"); }
}
