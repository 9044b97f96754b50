package org.allcds.facts;

import java.time.LocalDate;

/** Input I3: B or T lineage with CD19 status; from immunophenotyping, else from the diagnosis code. */
public record Lineage(LineageType type, Cd19 cd19, String basis, LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "lineage"; }
    public String displayValue() { return type + "-lineage" + (cd19 == Cd19.UNKNOWN ? "" : ", CD19 " + cd19.name().toLowerCase()); }
}
