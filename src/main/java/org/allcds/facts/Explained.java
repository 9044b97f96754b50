package org.allcds.facts;

import java.util.List;

/**
 * A fact a rule derives whose explanation is narrower than what the rule matched: a card names these inputs (and the
 * rule) as what a finding resting on it rests on, instead of every fact the rule's firing matched. For a decision the
 * rule takes in Java over many results, of which only some decided it. An input the mapping gives may name so the other
 * records it was read from (a relapse's site, read from a CNS3 beside the relapse record).
 */
public interface Explained {

    /** The inputs that decided this fact. */
    List<? extends ClinicalInput> explainedBy();
}
