package org.allcds.profiles;

/**
 * One way a prefetched resource fails its profile: {@code reference} is the resource's relative reference
 * (e.g. {@code Observation/wbc-1}), {@code location} the FHIRPath of the offending element. {@code message} is the
 * validator's text with values from the record removed.
 */
public record ProfileProblem(String severity, String reference, String location, String message) {
}
