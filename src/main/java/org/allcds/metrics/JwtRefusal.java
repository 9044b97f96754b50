package org.allcds.metrics;

import java.util.Locale;

/** Why a client JWT was refused, in categories coarse enough for a dashboard; the details are in the WARN log. */
public enum JwtRefusal {
    MISSING, MALFORMED, UNTRUSTED_ISSUER, SIGNATURE, AUDIENCE, TIME, REPLAY, REPLAY_STORE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
