package org.allcds.facts;

import java.time.LocalDate;

/** Input I12: allogeneic HSCT. */
public record Hsct(LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "allogeneicHsct"; }
    public String displayValue() { return String.valueOf(date); }
}
