package org.allcds.facts;

/**
 * Why a scheme's first-relapse stratum does not apply (clinical-rules R-REL-06, R-REL-07 and the AALL1331
 * eligibility), or why it no longer does (R-RR-C6: no second remission after block 1, so the strata's pathways, which
 * presume one, are replaced by the refractory pathway). Declared in the order cards list the reasons. An enum so
 * that a misspelt reason in a rule does not compile.
 */
public enum StratumExclusion {
    DOWN_SYNDROME(NotApplicableReason.DOWN_SYNDROME),
    PH_POSITIVE(NotApplicableReason.PH_POSITIVE),
    POST_HSCT(NotApplicableReason.POST_HSCT),
    SECOND_OR_LATER_RELAPSE(NotApplicableReason.RELAPSE_NUMBER),
    NO_SECOND_REMISSION(NotApplicableReason.REFRACTORY);

    private final NotApplicableReason reason;

    StratumExclusion(NotApplicableReason reason) {
        this.reason = reason;
    }

    /** The reason the stratum finding gives for it ({@link Finding#because}). */
    public NotApplicableReason reason() {
        return reason;
    }
}
