package org.allcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells the warm-up's own calls over HTTP from a client's: they carry a header with a secret drawn at each start and
 * never written anywhere, so they are answered like any call (the container, filters and converters get warm) but
 * leave no card in the card log and no count in the service-call metrics. Without it, every start of a service with
 * authentication off added the synthetic patient's cards to the feedback summary's "cards issued", which lowers every
 * rule's override rate, and its calls to the metrics an operator reads as EHR traffic.
 */
final class WarmUpMark {

    static final String HEADER = "X-AllCds-Warm-Up";

    private final byte[] secret;

    WarmUpMark() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    HttpRequest.Builder mark(HttpRequest.Builder request) {
        return request.header(HEADER, new String(secret, StandardCharsets.US_ASCII));
    }

    /** Compared in constant time: the header's value must not be guessable from how fast a wrong one is refused. */
    boolean isWarmUp(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        return value != null && MessageDigest.isEqual(secret, value.getBytes(StandardCharsets.US_ASCII));
    }
}
