package org.allcds.hooks;

/** The request's fhirAuthorization. The access token is transient: never stored, never logged. */
public record FhirAuthorization(String accessToken, String tokenType, long expiresIn, String scope, String subject,
                                String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[tokenType=" + tokenType + ", scope=" + scope + ", subject=" + subject + "]";
    }
}
