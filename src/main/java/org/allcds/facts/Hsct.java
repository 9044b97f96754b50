package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I12: allogeneic HSCT, the latest with a full date. {@code afterRelapse} is true when it came after the
 * classified relapse (I10): the HSCT step of that relapse's pathway is done.
 */
public record Hsct(LocalDate date, boolean afterRelapse, String reference) implements ClinicalInput {
    public String inputName() { return "allogeneicHsct"; }
    public String displayValue() { return String.valueOf(date); }
}
