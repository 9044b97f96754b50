package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.OperationOutcomeBody;
import org.allcds.facts.Finding;
import org.allcds.mapping.ConceptTranslator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ProfileValidationTest {

    private static final ConceptTranslator SITE_MAPS = new ConceptMapTranslator(SharedValidator.RESOURCES.conceptMaps());

    private static ProfileValidation validation(ValidationMode mode) {
        return new ProfileValidation(mode, SharedValidator.VALIDATOR, new ProfileSelector(SharedValidator.RESOURCES, SITE_MAPS));
    }

    private static List<Resource> scenario(String name) throws IOException {
        Bundle b = SharedValidator.FHIR.newJsonParser().parseResource(Bundle.class,
                Files.readString(SharedValidator.PROFILES.resolve("examples/scenarios/Bundle-scenario-" + name + ".json")));
        // Requests do not carry meta.profile: the profile must be chosen from the codes.
        return b.getEntry().stream().map(e -> { Resource r = e.getResource(); r.setMeta(null); return r; }).toList();
    }

    private static List<Resource> brokenRelapse() throws IOException {
        List<Resource> resources = scenario("second-relapse-after-hsct");
        for (Resource r : resources) {
            if (r.getIdElement().getIdPart().equals("second-relapse-wbc")) {
                ((Observation) r).setValue(new Quantity().setValue(23));
            }
            if (r.getIdElement().getIdPart().equals("second-relapse-relapse-2")) {
                ((Observation) r).setEffective(null);
            }
        }
        return resources;
    }

    @Test
    void aConformingScenarioHasNoProblems() throws IOException {
        assertThat(validation(ValidationMode.STRICT).validate(scenario("late-isolated-marrow-relapse"))).isEmpty();
    }

    @Test
    void aWbcWithoutUnitAndARelapseWithoutDateAreNamedWithResourceAndPath() throws IOException {
        List<ProfileProblem> problems = validation(ValidationMode.STRICT).validate(brokenRelapse());

        assertThat(problems).extracting(ProfileProblem::reference, ProfileProblem::location).contains(
                org.assertj.core.groups.Tuple.tuple("Observation/second-relapse-wbc", "Observation.value.ofType(Quantity).system"),
                org.assertj.core.groups.Tuple.tuple("Observation/second-relapse-wbc", "Observation.value.ofType(Quantity).code"),
                org.assertj.core.groups.Tuple.tuple("Observation/second-relapse-relapse-2", "Observation.effective"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("23"));
    }

    @Test
    void strictModeRejectsWithOneIssuePerProblem() throws IOException {
        ProfileValidation strict = validation(ValidationMode.STRICT);
        List<ProfileProblem> problems = strict.validate(brokenRelapse());

        assertThatThrownBy(() -> strict.apply(problems)).isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            List<OperationOutcomeBody.Issue> issues = e.toOperationOutcome().issue();
            assertThat(issues).hasSize(problems.size() + 1);
            assertThat(issues.get(1).diagnostics()).startsWith(problems.get(0).reference() + ": ");
            assertThat(issues.get(1).expression()).containsExactly(problems.get(0).location());
        });
    }

    @Test
    void warnModeGivesADataQualityFinding() throws IOException {
        ProfileValidation warn = validation(ValidationMode.WARN);
        Finding finding = warn.apply(warn.validate(brokenRelapse())).orElseThrow();

        assertThat(finding.type()).isEqualTo("data-quality");
        assertThat(finding.value()).isEqualTo("profile-violation");
        assertThat(finding.indicator()).isEqualTo(org.allcds.facts.Indicator.INFO);
        assertThat(finding.note()).contains("Observation/second-relapse-relapse-2", "Observation.effective");
    }

    @Test
    void aSiteCodeMappedByAConceptMapIsValidatedAsWbcWithoutACodeError() throws IOException {
        Observation wbc = (Observation) scenario("standard-risk-b-all").stream()
                .filter(r -> r.getIdElement().getIdPart().equals("sr-ball-wbc")).findFirst().orElseThrow();
        wbc.getCode().getCodingFirstRep().setSystem("https://example-hospital.org/fhir/CodeSystem/lab").setCode("WBC-AUTO");
        wbc.setValue(new Quantity().setValue(12));

        List<ProfileProblem> problems = validation(ValidationMode.STRICT).validate(List.of(wbc));

        assertThat(problems).extracting(ProfileProblem::location)
                .contains("Observation.value.ofType(Quantity).system").doesNotContain("Observation.code");
    }

    /**
     * Found by the fuzzer in strict mode: a UCUM unit of 30 digits makes HAPI's validator throw (the UCUM library parses
     * it as an int). The resource is reported as not checkable, the others are still validated, and strict mode
     * answers 400 naming it; before, the exception reached the client as a 500.
     */
    @Test
    void aValueThatMakesTheValidatorFail_isAProblemOfItsResource_notAnError() throws IOException {
        List<Resource> resources = brokenRelapse();
        Observation wbc = (Observation) resources.stream()
                .filter(r -> r.getIdElement().getIdPart().equals("second-relapse-wbc")).findFirst().orElseThrow();
        wbc.setValue(new Quantity().setValue(23).setSystem("http://unitsofmeasure.org").setCode("123456789012345678901234567890"));
        ProfileValidation strict = validation(ValidationMode.STRICT);

        List<ProfileProblem> problems = strict.validate(resources);

        assertThat(problems).extracting(ProfileProblem::reference, ProfileProblem::location, ProfileProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("Observation/second-relapse-wbc", "Observation",
                                ProfileValidation.UNCHECKABLE),
                        org.assertj.core.groups.Tuple.tuple("Observation/second-relapse-relapse-2", "Observation.effective",
                                problems.stream().filter(p -> p.location().equals("Observation.effective"))
                                        .findFirst().orElseThrow().message()));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("123456789"));
        assertThatThrownBy(() -> strict.apply(problems)).isInstanceOfSatisfying(InvalidCdsRequestException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(strict.validate(scenario("late-isolated-marrow-relapse"))).as("the validator works on afterwards").isEmpty();
    }

    @Test
    void resourcesTheServiceIgnoresAreNotValidated() {
        Observation other = new Observation();
        other.setId("hb");
        other.getCode().addCoding(new Coding("https://example-hospital.org/fhir/CodeSystem/lab", "HB", null));

        assertThat(validation(ValidationMode.STRICT).validate(List.of(other))).isEmpty();
    }

    @Test
    void offModeValidatesNothing() throws IOException {
        assertThat(new ProfileValidation(ValidationMode.OFF, null, null).validate(brokenRelapse())).isEmpty();
    }

    @Test
    void echoedValuesAreRemoved() {
        assertThat(ProfileValidation.stripValues("The value provided ('g/L') was not found in the value set 'WBC units'"))
                .isEqualTo("The value provided (…) was not found in the value set 'WBC units'");
        assertThat(ProfileValidation.stripValues("Value is 'order' but is fixed to 'proposal' in the profile"))
                .isEqualTo("Value is … but is fixed to 'proposal' in the profile");
    }

    @Test
    void aHeapTooSmallForTheValidator_stopsTheStart_namingTheModeAndTheHeapItNeeds() {
        long containerDefault = 247L * 1024 * 1024; // what -Xmx256m with the serial collector gives

        for (ValidationMode mode : List.of(ValidationMode.WARN, ValidationMode.STRICT)) {
            assertThatThrownBy(() -> ProfileValidation.create(mode, SharedValidator.RESOURCES, SITE_MAPS, containerDefault))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("allcds.validation.mode=" + mode.name().toLowerCase())
                    .hasMessageContaining("-Xmx512m").hasMessageContaining("247 MiB");
        }
        assertThat(ProfileValidation.create(ValidationMode.OFF, SharedValidator.RESOURCES, SITE_MAPS, containerDefault).mode())
                .as("off builds nothing, so any heap will do").isEqualTo(ValidationMode.OFF);
    }

    @Test
    void theHeapThatXmx512mGives_isEnough() {
        long xmx512m = 494L * 1024 * 1024; // what -Xmx512m with the serial collector gives (the heap less one survivor space)

        assertThat(xmx512m).isGreaterThanOrEqualTo(ProfileValidation.MIN_HEAP_BYTES);
    }
}
