package org.allcds.mapping;

import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Condition's verificationStatus, read in one place for the integrity step and the mapping. Void statuses
 * ({@code refuted}, {@code entered-in-error}) leave the record out altogether (data contract §2a D5); a Condition
 * not confirmed ({@code unconfirmed}, and its kinds {@code provisional} and {@code differential}) stays in the record
 * but is not the diagnosis: it neither dates nor, by itself, makes the ALL diagnosis (a suspicion at the first blood
 * film would move the diagnosis date weeks earlier, C-08). No status, or {@code confirmed}, is a diagnosis as
 * recorded. Codes count in FHIR's system or without a system.
 */
public final class ConditionVerification {

    private static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> VOID = Set.of("entered-in-error", "refuted");
    private static final Set<String> NOT_CONFIRMED = Set.of("unconfirmed", "provisional", "differential");
    /** FHIR R4's condition-ver-status codes (a required binding). */
    private static final Set<String> CODES = Set.of("unconfirmed", "provisional", "differential", "confirmed",
            "refuted", "entered-in-error");

    private ConditionVerification() {
    }

    /** D5: a Condition whose status says it is void; false for other resources. */
    public static boolean isVoid(Resource resource) {
        return codes(resource).anyMatch(VOID::contains);
    }

    /**
     * A code outside FHIR's required value set ("confirmedd", "entered_in_error", "Refuted"): as unreadable as a status
     * HAPI rejects, and it may have meant a void one.
     */
    public static boolean isUnknown(Resource resource) {
        return codes(resource).anyMatch(code -> !CODES.contains(code));
    }

    /** A Condition recorded as suspected, provisional or one of a differential: not (yet) a diagnosis. */
    static boolean isNotConfirmed(Condition condition) {
        return codes(condition).anyMatch(NOT_CONFIRMED::contains);
    }

    /** A Condition's verificationStatus codes in FHIR's system (or none named); empty for other resources. */
    private static Stream<String> codes(Resource resource) {
        if (!(resource instanceof Condition c)) {
            return Stream.empty();
        }
        return c.getVerificationStatus().getCoding().stream()
                .filter(coding -> !coding.hasSystem() || SYSTEM.equals(coding.getSystem()))
                .filter(Coding::hasCode)
                .map(Coding::getCode);
    }
}
