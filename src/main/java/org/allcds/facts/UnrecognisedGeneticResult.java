package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I7: a genetic result that cannot be read: its coded value is not in the value set (nor translated by a site
 * ConceptMap; reported as {@code code-not-recognised}), or another result of its time contradicts it ({@code
 * conflicting}, reported as {@code conflicting-results}). {@code tested} is the one subtype a FISH result was about, which
 * stays untested (for a contradicted result, the subtype it speaks of, "none detected" included); null for a
 * genetic-subtype result not read: the lab found a subtype the service cannot read, which may be a very-high-risk one,
 * so it keeps that group open instead of being dropped (convention C-08).
 */
public record UnrecognisedGeneticResult(GeneticSubtype tested, LocalDate date, String reference, boolean conflicting) {

    public UnrecognisedGeneticResult(GeneticSubtype tested, LocalDate date, String reference) {
        this(tested, date, reference, false);
    }
}
