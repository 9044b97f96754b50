package org.allcds.facts;

import java.util.List;

/**
 * R-REL-07 settled for {@code scheme}: every genetic result of a first relapse that might be BCR::ABL1 (records that
 * conflict, a code not recognised) is settled by a BCR::ABL1 test that found none or a "none detected" ({@code tests};
 * {@link GeneticFinding#settling}). The COG strata match it, so that a card names those tests among what the stratum
 * rests on: why Ph+ was ruled out. Other negative tests (the diagnostic marrow's, one in remission) did not decide it.
 */
public record BcrAbl1RuledOut(RelapseScheme scheme, List<GeneticFinding> tests) implements Explained {

    public BcrAbl1RuledOut {
        tests = List.copyOf(tests);
    }

    @Override
    public List<GeneticFinding> explainedBy() {
        return tests;
    }
}
