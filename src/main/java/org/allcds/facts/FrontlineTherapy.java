package org.allcds.facts;

import java.time.LocalDate;

/** Input I11: front-line therapy; {@code end} is the end of therapy when completed, else null. */
public record FrontlineTherapy(TherapyStatus status, LocalDate end, String reference) implements ClinicalInput {
    public String inputName() { return "endOfFrontlineTherapy"; }
    public String displayValue() { return status == TherapyStatus.COMPLETED ? "completed " + end : "in progress"; }
    public LocalDate date() { return end; }
    /**
     * True when the therapy was completed at least {@code months} completed months (C-02) before {@code date}: a relapse
     * then is not BFM early, whatever the diagnosis date (BFM late, or very early).
     */
    public boolean completedMonthsBefore(LocalDate date, int months) {
        return status == TherapyStatus.COMPLETED && end != null && !end.plusMonths(months).isAfter(date);
    }
}
