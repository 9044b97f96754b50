package org.allcds.facts;

/**
 * A first-relapse classification scheme (clinical-rules §1.3), switched on in {@code config.yaml}
 * ({@code relapseSchemes}, {@code relapsePrimary}); {@code name()} is the scheme of the {@code relapse-stratum} and
 * {@code hsct-indication} findings. An enum so that a misspelt scheme does not compile in a rule and fails lint in
 * {@code config.yaml}, where a string would silently switch the scheme off.
 */
public enum RelapseScheme {
    COG_AALL1331, BFM_ALLREZ2002;

    /** How card text names the scheme: "COG", "BFM". */
    public String label() {
        return this == COG_AALL1331 ? "COG" : "BFM";
    }
}
