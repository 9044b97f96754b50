package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I12: allogeneic HSCT, the latest the record places: one with a full date, or one of a year or month only that
 * lies wholly after the classified relapse (I10). {@code date} is null for the latter; {@code performed} is the date as
 * the record gives it ("2019-12-10", "2019-12"). {@code afterRelapse} is true when it came after that relapse and is
 * done: the HSCT step of that relapse's pathway is done.
 */
public record Hsct(LocalDate date, String performed, boolean afterRelapse, String reference) implements ClinicalInput {

    /** A transplant with a full date. */
    public Hsct(LocalDate date, boolean afterRelapse, String reference) {
        this(date, String.valueOf(date), afterRelapse, reference);
    }

    public String inputName() { return "allogeneicHsct"; }
    public String displayValue() { return performed; }

    /** When it was done, as a card says it: "on 2019-12-10", or "in 2019-12" for a month or year only. */
    public String timeWords() {
        return (date != null ? "on " : "in ") + performed;
    }
}
