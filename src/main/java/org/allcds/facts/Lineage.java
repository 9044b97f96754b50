package org.allcds.facts;

import java.time.LocalDate;

/** Input I3: B or T lineage with CD19 status; from immunophenotyping, else from the diagnosis code. */
public record Lineage(LineageType type, Cd19 cd19, String basis, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls the immunophenotype record the lineage is read from, e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "Immunophenotype";

    public String inputName() { return "lineage"; }
    public String displayValue() { return type + "-lineage" + (cd19 == Cd19.UNKNOWN ? "" : ", CD19 " + cd19.name().toLowerCase()); }
}
