package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I3 as the risk group at diagnosis reads it: the {@link Lineage} from the immunophenotypes that may come before
 * the first relapse, else the diagnosis code (as {@link CnsStatus} is the status before it). A relapse's own
 * immunophenotype (a lineage switch, a CD19-negative relapse) does not restate the disease at diagnosis; the relapse
 * rules and the CD19-directed label checks read {@link Lineage}, the latest. Without a relapse the two are one.
 */
public record LineageAtDiagnosis(Lineage lineage) implements ClinicalInput {

    public LineageType type() { return lineage.type(); }
    public Cd19 cd19() { return lineage.cd19(); }

    public String inputName() { return lineage.inputName(); }
    public String displayValue() { return lineage.displayValue(); }
    public LocalDate date() { return lineage.date(); }
    public String reference() { return lineage.reference(); }
}
