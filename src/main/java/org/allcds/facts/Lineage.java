package org.allcds.facts;

import java.time.LocalDate;

/** Input I3: B or T lineage with CD19 status; from immunophenotyping, else from the diagnosis code. */
public record Lineage(LineageType type, Cd19 cd19, String basis, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls the immunophenotype record the lineage is read from, e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "Immunophenotype";

    public String inputName() { return "lineage"; }
    public String displayValue() {
        return type + "-lineage" + switch (cd19) {
            case UNKNOWN -> "";
            case NOT_READ -> ", CD19 result not read";
            case CONFLICTING -> ", CD19 results conflict";
            default -> ", CD19 " + cd19.name().toLowerCase();
        };
    }

    /**
     * Why CD19-positive disease, which a CD19-directed label needs, is not confirmed ("CD19 status not recorded"), or
     * null when the result says positive or negative.
     */
    public String cd19Unconfirmed() {
        return switch (cd19) {
            case UNKNOWN -> "CD19 status not recorded";
            case NOT_READ -> "CD19 result not read";
            case CONFLICTING -> "CD19 results conflict";
            default -> null;
        };
    }
}
