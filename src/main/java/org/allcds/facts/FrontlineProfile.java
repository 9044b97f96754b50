package org.allcds.facts;

/**
 * The front-line risk profile chosen in {@code config.yaml} ({@code frontlineProfile}; clinical-rules R-DX-10,
 * R-DX-14). Only COG AALL08B1 has rules; AIEOP-BFM 2009 needs inputs the default record lacks. An enum so that a
 * misspelt profile does not compile in a rule and fails lint in {@code config.yaml}.
 */
public enum FrontlineProfile {
    COG_AALL08B1, AIEOP_BFM_2009
}
