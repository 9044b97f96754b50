package org.allcds.facts;

import java.util.Locale;

/**
 * The clinical inputs a classification can lack, named as in {@code missing-data} findings and the {@code missing}
 * lists of findings (data contract §4). An enum so that a misspelt input name in a rule does not compile.
 */
public enum Input {
    BIRTH_DATE,
    LINEAGE,
    WBC_AT_DIAGNOSIS,
    GENETIC_SUBTYPE,
    DAY8_MRD,
    END_OF_INDUCTION_MRD,
    CNS_STATUS,
    TESTICULAR_INVOLVEMENT,
    /** A marrow blasts result that cannot decide induction failure (a lower bound below 25 %); never "missing". */
    END_OF_INDUCTION_BLASTS,
    /** Relapse classification (found by its rules, not by {@link MissingInput#of}). */
    END_OF_FRONTLINE_THERAPY,
    /** Relapse classification (found by its rules, not by {@link MissingInput#of}). */
    RELAPSE_END_BLOCK1_MRD,
    /** A marrow blasts result after relapse block 1 that cannot decide refractory disease (a bound across 5 %). */
    RELAPSE_END_BLOCK1_BLASTS,
    /** Relapse classification: the site decides what does not hold at every site (found by its rules). */
    RELAPSE_SITE;

    /** True for an input the record has, but only as a bound that cannot decide: "not exact", never "not recorded". */
    public static boolean isRecordedAsBound(String code) {
        return code.equals(END_OF_INDUCTION_BLASTS.code()) || code.equals(RELAPSE_END_BLOCK1_BLASTS.code());
    }

    /** The name findings carry, e.g. {@code wbc-at-diagnosis}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
