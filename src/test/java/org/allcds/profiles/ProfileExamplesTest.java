package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example under {@code fhir-profiles/examples} conforms to the profile it claims, every invalid example fails with
 * the message its name promises, and every profile has both.
 */
class ProfileExamplesTest {

    private static final Path PROFILES = Path.of("fhir-profiles");
    private static final Path EXAMPLES = PROFILES.resolve("examples");
    private static final Path INVALID = EXAMPLES.resolve("invalid");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** Invalid example → (FHIRPath location of the error, fragment of its message). */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("Patient-no-birth-date", List.of("Patient", "Patient.birthDate: minimum required = 1")),
            Map.entry("Patient-partial-birth-date", List.of("Patient", "allcds-pat-1")),
            Map.entry("Condition-all-diagnosis-no-date", List.of("Condition", "allcds-dx-1")),
            Map.entry("Condition-all-diagnosis-wrong-code", List.of("Condition.code", "value set 'ALL diagnosis codes'")),
            Map.entry("Observation-immunophenotype-wrong-lineage",
                    List.of("Observation.value.ofType(CodeableConcept)", "value set 'ALL lineage'")),
            Map.entry("Observation-wbc-no-unit",
                    List.of("Observation.value.ofType(Quantity)", "Observation.value[x].system: minimum required = 1")),
            Map.entry("Observation-wbc-wrong-unit", List.of("Observation.value.ofType(Quantity).code", "value set 'WBC units'")),
            Map.entry("Observation-cns-status-unknown-code",
                    List.of("Observation.value.ofType(CodeableConcept)", "Unknown code 'https://all-cds.org/fhir/CodeSystem/all-cds#cns4'")),
            Map.entry("Observation-testicular-involvement-string",
                    List.of("Observation.value.ofType(string)", "allows for the type boolean but found type string")),
            Map.entry("Observation-genetic-subtype-unknown-code",
                    List.of("Observation.value.ofType(CodeableConcept)", "value set 'Genetic subtypes'")),
            Map.entry("Observation-genetic-fish-wrong-test", List.of("Observation.code", "value set 'Genetic FISH tests'")),
            Map.entry("Observation-mrd-no-timepoint", List.of("Observation", "Slice 'Observation.component:timepoint': a matching slice is required")),
            Map.entry("Observation-mrd-unknown-timepoint",
                    List.of("Observation.component[0].value.ofType(CodeableConcept)", "value set 'MRD timepoints'")),
            Map.entry("Observation-marrow-blasts-wrong-unit", List.of("Observation.value.ofType(Quantity).code", "value set 'Percent'")),
            Map.entry("Observation-relapse-no-date", List.of("Observation", "Observation.effective[x]: minimum required = 1")),
            Map.entry("Observation-relapse-no-site", List.of("Observation", "Slice 'Observation.component:site': a matching slice is required")),
            Map.entry("Procedure-frontline-therapy-completed-no-end", List.of("Procedure", "allcds-fl-1")),
            Map.entry("Procedure-hsct-no-date", List.of("Procedure", "Procedure.performed[x]: minimum required = 1")),
            Map.entry("Condition-down-syndrome-wrong-code", List.of("Condition.code", "value set 'Down syndrome codes'")),
            Map.entry("RiskAssessment-wrong-outcome", List.of("RiskAssessment.prediction[0].qualitativeRisk", "value set 'Risk assessment outcomes'")),
            Map.entry("ServiceRequest-not-a-proposal", List.of("ServiceRequest.intent", "is fixed to 'proposal'")));

    private static ProfileValidator validator;

    @BeforeAll
    static void buildValidator() {
        validator = SharedValidator.VALIDATOR;
    }

    @TestFactory
    Stream<DynamicTest> everyValidExampleConformsToItsProfile() throws IOException {
        return files(EXAMPLES).filter(p -> !p.startsWith(INVALID))
                .flatMap(file -> resources(file).stream()
                        .map(r -> DynamicTest.dynamicTest(file.getFileName() + " " + r.getIdElement().toUnqualifiedVersionless(),
                                () -> assertThat(errors(r)).as("profile %s", profileOf(r)).isEmpty())));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidExampleFailsWithTheExpectedMessage() throws IOException {
        return files(INVALID).map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString().replace(".json", "");
            assertThat(EXPECTED).as("expected message for %s", name).containsKey(name);
            List<ProfileValidator.Message> errors = errors(resources(file).get(0));
            assertThat(errors).as(name).anySatisfy(m -> {
                assertThat(m.location()).isEqualTo(EXPECTED.get(name).get(0));
                assertThat(m.text()).contains(EXPECTED.get(name).get(1));
            });
        }));
    }

    @Test
    void everyProfileHasAValidAndAnInvalidExample() throws IOException {
        Set<String> valid = profilesUsed(files(EXAMPLES).filter(p -> !p.startsWith(INVALID)));
        Set<String> invalid = profilesUsed(files(INVALID));
        assertThat(valid).as("profiles with a valid example").containsAll(validator.profileUrls());
        assertThat(invalid).as("profiles with an invalid example").containsAll(validator.profileUrls());
    }

    @Test
    void everyScenarioBundleHoldsAPatientAndADiagnosis() throws IOException {
        List<Path> scenarios = files(EXAMPLES.resolve("scenarios")).toList();
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(7);
        for (Path scenario : scenarios) {
            Set<String> profiles = profilesUsed(Stream.of(scenario));
            assertThat(profiles).as(scenario.getFileName().toString()).contains(
                    "https://all-cds.org/fhir/StructureDefinition/all-patient",
                    "https://all-cds.org/fhir/StructureDefinition/all-diagnosis");
        }
    }

    private static List<ProfileValidator.Message> errors(IBaseResource resource) {
        return validator.validate(resource).stream().filter(ProfileValidator.Message::isError).toList();
    }

    private static Stream<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** A Bundle stands for its entries: each is validated against its own profile. */
    private static List<Resource> resources(Path file) {
        try {
            Resource resource = (Resource) FHIR.newJsonParser().parseResource(Files.readString(file));
            return resource instanceof Bundle bundle
                    ? bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList()
                    : List.of(resource);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String profileOf(Resource resource) {
        return resource.getMeta().getProfile().stream().map(CanonicalType::getValue).findFirst().orElse("(none)");
    }

    private static Set<String> profilesUsed(Stream<Path> files) {
        Set<String> used = new TreeSet<>();
        files.flatMap(f -> resources(f).stream()).forEach(r -> used.add(profileOf(r)));
        return used;
    }
}
