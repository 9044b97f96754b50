package org.allcds.facts;

/**
 * Why a first-relapse stratum or a label does not apply to the relapse (a {@code NOT_APPLICABLE} finding, or a
 * {@code NOT_MET} one that lacks no input), as its rule gives it with {@link Finding#because}: a card tells by it what
 * the relapse number alone rules out, which a clinician knows, from what they would not expect. Not in the data
 * contract: the extension carries the finding's value, the card's words its reason.
 */
public enum NotApplicableReason {
    /**
     * The relapse number alone: the first-relapse strata at a second or later relapse; the CAR-T label at a first
     * relapse that is not refractory (nor, for the EMA-style label, after HSCT).
     */
    RELAPSE_NUMBER,
    /** Down syndrome, outside AALL1331 eligibility. */
    DOWN_SYNDROME,
    /** Ph+ ALL, outside AALL1331 eligibility. */
    PH_POSITIVE,
    /** A relapse after allogeneic HSCT. */
    POST_HSCT,
    /** No second remission after relapse block 1: a refractory relapse. */
    REFRACTORY,
    /** CD19-negative disease, which a CD19-directed therapy cannot treat. */
    CD19_NEGATIVE,
    /** An age outside the label's limits. */
    AGE
}
