package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;

/** One validator for all test classes of the JVM: building it costs seconds. */
final class SharedValidator {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final Path PROFILES = Path.of("fhir-profiles");
    static final ConformanceResources RESOURCES = ConformanceResources.load(FHIR, PROFILES);
    static final ProfileValidator VALIDATOR = new ProfileValidator(FHIR, RESOURCES);

    private SharedValidator() {
    }
}
