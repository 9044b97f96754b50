package org.allcds.validation;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.allcds.terminology.ConformanceResources;

/** One validator for all test classes of the JVM: building it costs seconds. */
final class SharedValidator {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final Path PROFILES = Path.of("fhir-profiles");
    static final ConformanceResources RESOURCES = ConformanceResources.load(FHIR, PROFILES);
    static final ProfileValidator VALIDATOR = new ProfileValidator(FHIR, RESOURCES);

    private SharedValidator() {
    }
}
