package org.allcds.facts;

import java.time.LocalDate;

/**
 * The days a sample counts as taken at diagnosis or at a relapse, while the leukaemia is there to be tested and before
 * treatment clears it: from 7 days before the event's date to 3 days after, the catalogue's window for the WBC at
 * diagnosis (P4). A test of a later marrow, in remission, cannot see what the leukaemia carried. The event's date must
 * be the sample's: a diagnosis date may be the day the record was entered.
 */
public final class DiagnosticSample {

    public static final int DAYS_BEFORE = 7;
    public static final int DAYS_AFTER = 3;

    private DiagnosticSample() {
    }

    /** True when {@code day} is within the window around {@code event}; false when either is not known. */
    public static boolean around(LocalDate day, LocalDate event) {
        return day != null && event != null && !day.isBefore(event.minusDays(DAYS_BEFORE))
                && !day.isAfter(event.plusDays(DAYS_AFTER));
    }
}
