package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I10: relapse records that cannot be classified, and the input they lack ({@code missing}, as missing-data
 * names it): {@code relapse-date} for a relapse without a full date (none, or a year or month only: it may be the
 * latest, so which relapse is the latest is unknown), {@code relapse-number} for records of one relapse that give
 * different numbers, a number that cannot be read (a quantity or a text "2", a 0), or no number where records fewer
 * than {@link #ONE_RELAPSE_MAX_DAYS} days apart may be one relapse: first-relapse strata for what may be a second
 * relapse would be a guess, and so would a label check that counts one relapse twice; {@code hsct-date} for an allogeneic HSCT without a full date that may have come
 * before the relapse ({@code reference} is then the transplant's): strata for a relapse that may follow a transplant
 * would be a guess (R-REL-07); {@code relapse} for a relapse record not yet final (preliminary: suspected, not yet
 * confirmed) that may be a later relapse than every confirmed one: whether this is a new relapse, and so which relapse
 * is classified, waits for its confirmation. While one exists there is no Relapse and no RelapseTiming.
 */
public record UnclassifiedRelapse(String missing, String reference) implements ClinicalInput {

    public static final String DATE = "relapse-date";
    public static final String NUMBER = "relapse-number";
    public static final String HSCT_DATE = "hsct-date";
    /** The input a suspected relapse lacks: its confirmation, a final record (the rule set's input name "relapse"). */
    public static final String CONFIRMATION = "relapse";
    /**
     * Relapse records fewer days apart than this may be one relapse: a second relapse needs a second remission between
     * the two, reached at the end of a reinduction block at the earliest, while one relapse's records may be dated by
     * its suspicion, its confirming marrow or its work-up.
     */
    public static final int ONE_RELAPSE_MAX_DAYS = 90;

    public String inputName() {
        return switch (missing) {
            case DATE -> "relapseDate";
            case HSCT_DATE -> "allogeneicHsct";
            case CONFIRMATION -> "relapse";
            default -> "relapseNumber";
        };
    }

    public String displayValue() {
        return switch (missing) {
            case NUMBER -> "number not settled";
            case CONFIRMATION -> "not yet confirmed (preliminary)";
            default -> "no full date";
        };
    }
    public LocalDate date() { return null; }
}
