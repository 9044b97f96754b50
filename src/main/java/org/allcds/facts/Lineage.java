package org.allcds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * Input I3: B or T lineage with CD19 status; from immunophenotyping, else from the diagnosis code. {@code cd19Date} is
 * the date of the record the CD19 result came from, which may be another than the lineage's.
 */
public record Lineage(LineageType type, Cd19 cd19, String basis, LocalDate date, String reference, LocalDate cd19Date)
        implements ClinicalInput {

    /** A lineage whose CD19 result, if any, is of its own record. */
    public Lineage(LineageType type, Cd19 cd19, String basis, LocalDate date, String reference) {
        this(type, cd19, basis, date, reference, date);
    }

    /**
     * The inputs a classification by this lineage assumes: none, it is recorded. Relapse rules match it or, when no
     * lineage is known, each possible one, which names the missing lineage, with one binding.
     */
    public List<String> inputs() {
        return List.of();
    }

        /** What a card calls the immunophenotype record the lineage is read from, e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "Immunophenotype";

    public String inputName() { return "lineage"; }
    public String displayValue() {
        String said = switch (cd19) {
            case UNKNOWN -> "";
            case NOT_READ -> ", CD19 result not read";
            case CONFLICTING -> ", CD19 results conflict";
            default -> ", CD19 " + cd19.name().toLowerCase();
        };
        // a CD19 result of another record than the lineage's is shown with its own date
        boolean ownRecord = cd19 == Cd19.UNKNOWN || java.util.Objects.equals(cd19Date, date);
        return type + "-lineage" + said + (ownRecord ? "" : cd19Date == null ? " in a result without a full date" : " on " + cd19Date);
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
