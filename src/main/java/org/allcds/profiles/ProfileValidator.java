package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;

/**
 * Validates FHIR R4 resources against the ALL-CDS profiles, offline: base R4 definitions, the project's own
 * conformance resources, snapshots generated from the differentials at construction, and in-memory terminology.
 * LOINC, SNOMED CT and ICD-10-CM cannot be checked without a terminology server, so an unknown code system is a
 * warning; codes of the project's own CodeSystem and every required binding to an enumerated ValueSet are enforced.
 * Thread-safe once built; building takes seconds, so build one and share it.
 */
public final class ProfileValidator {

    /** One validator message: severity ({@code error}, {@code warning}, {@code information}), FHIRPath location, text. */
    public record Message(String severity, String location, String text) {
        public boolean isError() {
            return "error".equals(severity) || "fatal".equals(severity);
        }
    }

    private final FhirContext fhir;
    private final FhirValidator validator;
    private final ConformanceResources resources;
    private final ValidationSupportChain chain;
    private final Set<String> profileUrls;

    public ProfileValidator(FhirContext fhir, ConformanceResources resources) {
        this(fhir, resources, buildChain(fhir, resources), true);
    }

    private ProfileValidator(FhirContext fhir, ConformanceResources resources, ValidationSupportChain chain,
                             boolean pooled) {
        this.fhir = fhir;
        this.resources = resources;
        this.chain = chain;
        // HAPI's own module builds an instance validator per resource; the pooled one reuses them (same messages).
        FhirInstanceValidator instanceValidator = pooled ? new PooledInstanceValidator(chain) : new FhirInstanceValidator(chain);
        // Extensions the contract does not mention are ignored by the service, so they must not fail validation.
        instanceValidator.setAnyExtensionsAllowed(true);
        // Best-practice advice (narrative, performer) is never reported, so it is not worth computing per request.
        instanceValidator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        this.validator = fhir.newValidator().setValidateAgainstStandardSchema(false)
                .setValidateAgainstStandardSchematron(false).registerValidatorModule(instanceValidator);
        this.profileUrls = resources.profiles().stream().map(StructureDefinition::getUrl)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The same validator on HAPI's own instance-validator module, which builds one per resource (for comparison). */
    ProfileValidator withHapiModule() {
        return new ProfileValidator(fhir, resources, chain, false);
    }

    public static ProfileValidator fromFolder(FhirContext fhir, Path dir) {
        return new ProfileValidator(fhir, ConformanceResources.load(fhir, dir));
    }

    private static ValidationSupportChain buildChain(FhirContext fhir, ConformanceResources resources) {
        DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(fhir);
        PrePopulatedValidationSupport own = new PrePopulatedValidationSupport(fhir);
        resources.codeSystems().forEach(own::addCodeSystem);
        resources.valueSets().forEach(own::addValueSet);
        UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(fhir);
        unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        SnapshotGeneratingValidationSupport snapshots = new SnapshotGeneratingValidationSupport(fhir);
        ValidationSupportChain chain = new ValidationSupportChain(base, own, new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), snapshots, unknownSystems);
        // Snapshots are generated once here, not lazily during the first request, all with one worker context: HAPI
        // otherwise makes one per snapshot, and each converts every base StructureDefinition to R5 (about 10 s of CPU
        // for the 16 profiles instead of under 1 s; the snapshots are identical).
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(fhir,
                new WorkerContextValidationSupportAdapter(chain));
        for (StructureDefinition differential : resources.profiles()) {
            own.addStructureDefinition(snapshot(generator, chain, differential));
        }
        chain.invalidateCaches();
        return chain;
    }

    private static StructureDefinition snapshot(SnapshotGeneratingValidationSupport snapshots,
                                                ValidationSupportChain chain, StructureDefinition differential) {
        StructureDefinition copy = differential.copy();
        IBaseResource generated = snapshots.generateSnapshot(new ValidationSupportContext(chain), copy, copy.getUrl(), copy.getUrl(), copy.getName());
        if (generated == null || !((StructureDefinition) generated).hasSnapshot()) {
            throw new IllegalStateException("No snapshot could be generated for " + differential.getUrl());
        }
        return (StructureDefinition) generated;
    }

    /** The canonical URLs of the loaded profiles. */
    public Set<String> profileUrls() {
        return profileUrls;
    }

    /** Validates {@code resource} against {@code profileUrl} (and the base resource definition). */
    public List<Message> validate(IBaseResource resource, String profileUrl) {
        ValidationOptions options = new ValidationOptions();
        if (profileUrl != null) {
            options.addProfile(profileUrl);
        }
        List<Message> messages = new ArrayList<>();
        for (SingleValidationMessage m : validator.validateWithResult(resource, options).getMessages()) {
            messages.add(new Message(severity(m.getSeverity()), m.getLocationString(), m.getMessage()));
        }
        return List.copyOf(messages);
    }

    /** Validates {@code resource} against the profiles its {@code meta.profile} claims. */
    public List<Message> validate(IBaseResource resource) {
        return validate(resource, null);
    }

    /** Parses and validates a JSON resource. */
    public List<Message> validateJson(String json, String profileUrl) {
        return validate(fhir.newJsonParser().parseResource(json), profileUrl);
    }

    private static String severity(ResultSeverityEnum severity) {
        return severity == null ? "information" : severity.getCode();
    }
}
