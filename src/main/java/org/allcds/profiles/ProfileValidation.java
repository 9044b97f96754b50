package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.MessageFreeThrowable;
import org.allcds.errors.OperationOutcomeBody;
import org.allcds.facts.Finding;
import org.allcds.facts.Indicator;
import org.allcds.mapping.ConceptTranslator;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run-time validation of the resources a request brings, against the input profiles, in the configured
 * {@link ValidationMode}. Only errors are reported: warnings (no narrative, LOINC/SNOMED not checkable offline) say
 * nothing about whether the service can use the data.
 */
public final class ProfileValidation {

    private static final Logger log = LoggerFactory.getLogger(ProfileValidation.class);
    private static final Pattern MIN_CARDINALITY = Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z\\[\\]]+)*): minimum required");
    /** Validator phrases that quote a value from the record; the value is replaced so that no patient data leaks. */
    private static final List<Pattern> ECHOED_VALUES = List.of(
            Pattern.compile("(The value provided \\()'[^']*'(\\))"),
            Pattern.compile("(Value is )'[^']*'( but)"),
            Pattern.compile("(Not a valid date(?:/time)? \\()[^)]*(\\))"),
            Pattern.compile("(The value ')[^']*(' is not a valid)"));

    /** Its own card: the rules' data-quality findings are warnings, and a card takes its most urgent indicator. */
    static final String CARD = "profile-validation";
    static final String UNCHECKABLE = "could not be checked against its profile: the validator stopped on one of its values";

    private final ValidationMode mode;
    private final ProfileValidator validator;
    private final ProfileSelector selector;

    ProfileValidation(ValidationMode mode, ProfileValidator validator, ProfileSelector selector) {
        this.mode = mode;
        this.validator = validator;
        this.selector = selector;
    }

    /**
     * The least maximum heap ({@link Runtime#maxMemory()}) the validator is built in. HAPI's R4 definitions and their R5
     * copies hold about 270 MB once built, and validation needs room beside them: in 384 MiB the service thrashed under
     * load, in 256 MiB (the container's default) it failed with OutOfMemoryError. {@code -Xmx512m} gives about 490 MiB.
     */
    static final long MIN_HEAP_BYTES = 448L * 1024 * 1024;

    /** A validation service over the given conformance resources; builds the validator unless {@code mode} is off. */
    public static ProfileValidation create(ValidationMode mode, ConformanceResources resources, ConceptTranslator translator) {
        return create(mode, resources, translator, Runtime.getRuntime().maxMemory());
    }

    static ProfileValidation create(ValidationMode mode, ConformanceResources resources, ConceptTranslator translator,
                                    long maxHeapBytes) {
        if (mode == ValidationMode.OFF) {
            return new ProfileValidation(mode, null, null);
        }
        requireHeap(mode, maxHeapBytes);
        ProfileValidator validator = new ProfileValidator(FhirContext.forR4Cached(), resources);
        return new ProfileValidation(mode, validator, new ProfileSelector(resources, translator));
    }

    /** Refuses to start a validator that would run out of memory under load, rather than fail requests later. */
    private static void requireHeap(ValidationMode mode, long maxHeapBytes) {
        if (maxHeapBytes < MIN_HEAP_BYTES) {
            throw new IllegalStateException("allcds.validation.mode=" + mode.name().toLowerCase()
                    + " builds the FHIR profile validator, which needs a heap of at least -Xmx512m (its definitions alone"
                    + " take about 270 MB); this JVM may use " + maxHeapBytes / (1024 * 1024) + " MiB. Raise -Xmx (and"
                    + " the container's memory limit), or set allcds.validation.mode=off.");
        }
    }

    public ValidationMode mode() {
        return mode;
    }

    /** Validates once so that class loading and the validator's caches are paid at start-up, not by the first request. */
    void warmUp() {
        if (mode != ValidationMode.OFF) {
            long start = System.nanoTime();
            Patient patient = new Patient();
            patient.setId("warm-up");
            patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.UNKNOWN);
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2000-01-01"));
            validate(List.of(patient));
            log.info("Profile validator ready in {} mode (warm-up {} ms)", mode.name().toLowerCase(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The problems of the patient's resources (see {@link #validate(Collection)}). */
    public List<ProfileProblem> validate(PatientData data) {
        return validate(data.resources());
    }

    /** The problems of every resource an input profile claims; resources the service ignores are not validated. */
    public List<ProfileProblem> validate(Collection<? extends Resource> resources) {
        if (mode == ValidationMode.OFF) {
            return List.of();
        }
        List<ProfileProblem> problems = new ArrayList<>();
        int index = 0;
        for (Resource resource : resources) {
            String reference = reference(resource, index++);
            selector.select(resource).ifPresent(s -> problems.addAll(problems(resource, reference, s)));
        }
        return List.copyOf(problems);
    }

    private List<ProfileProblem> problems(Resource resource, String reference, ProfileSelector.Selection selection) {
        List<ProfileValidator.Message> messages;
        try {
            messages = validator.validate(resource, selection.profileUrl());
        } catch (RuntimeException validatorFailed) {
            // HAPI's validator can fail on a value it should only report (the UCUM library's integer parse of a 30-digit
            // unit, for one). What cannot be checked is not shown to conform: a problem of the resource, not a 500.
            // The exception's message quotes the value, so it is logged without messages.
            log.warn("The profile validator failed on a {}; reported as a problem of that resource", resource.fhirType(),
                    MessageFreeThrowable.of(validatorFailed));
            return List.of(new ProfileProblem("error", reference, resource.fhirType(), UNCHECKABLE));
        }
        List<ProfileProblem> out = new ArrayList<>();
        for (ProfileValidator.Message m : messages) {
            String location = location(m);
            // A site code reached the profile through a ConceptMap, so the code itself is expected not to be a contract code.
            boolean siteCode = selection.viaSiteMap() && location.equals(resource.fhirType() + ".code");
            if (m.isError() && !siteCode) {
                out.add(new ProfileProblem(m.severity(), reference, location, stripValues(m.text())));
            }
        }
        return out;
    }

    /**
     * Warn mode: the finding that carries the problems to an info card. Strict mode: throws the 400. Off, or no
     * problems: nothing.
     */
    public Optional<Finding> apply(List<ProfileProblem> problems) {
        if (problems.isEmpty() || mode == ValidationMode.OFF) {
            return Optional.empty();
        }
        log.info("Request data failed profile validation: {} problem(s)", problems.size());
        if (mode == ValidationMode.STRICT) {
            throw rejection(problems);
        }
        return Optional.of(Finding.of("data-quality", "profile-violation").onCard(CARD).withIndicator(Indicator.INFO)
                .withSummary(summary(problems)).withNote(note(problems)));
    }

    static InvalidCdsRequestException rejection(List<ProfileProblem> problems) {
        List<OperationOutcomeBody.Issue> issues = problems.stream()
                .map(p -> new OperationOutcomeBody.Issue("error", issueCode(p.message()),
                        p.reference() + ": " + p.message(), List.of(p.location())))
                .toList();
        return new InvalidCdsRequestException("The patient's data (prefetched or fetched) do not conform to the ALL-CDS profiles ("
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ", listed below).", issues);
    }

    private static String summary(List<ProfileProblem> problems) {
        return problems.size() == 1 ? "1 problem in the data sent: results may be incomplete"
                : problems.size() + " problems in the data sent: results may be incomplete";
    }

    private static String note(List<ProfileProblem> problems) {
        StringBuilder sb = new StringBuilder("The record does not conform to the ALL-CDS profiles:\n\n");
        problems.forEach(p -> sb.append("* ").append(p.reference()).append(" at `").append(p.location()).append("`: ")
                .append(p.message()).append('\n'));
        return sb.toString();
    }

    private static String issueCode(String message) {
        if (message.contains("minimum required") || message.contains("a matching slice is required")) {
            return "required";
        }
        if (message.contains("value set") || message.contains("Unknown code")) {
            return "code-invalid";
        }
        return message.startsWith("Constraint failed") ? "invariant" : "invalid";
    }

    /** HAPI reports a missing element at its parent; the element itself is the more useful path. */
    static String location(ProfileValidator.Message m) {
        String location = m.location() == null ? "" : m.location();
        Matcher missing = MIN_CARDINALITY.matcher(m.text());
        if (missing.find()) {
            String element = missing.group(1);
            String child = element.substring(element.lastIndexOf('.') + 1).replace("[x]", "");
            return location.isEmpty() ? child : location + "." + child;
        }
        return location;
    }

    static String stripValues(String message) {
        String out = message;
        for (Pattern p : ECHOED_VALUES) {
            out = p.matcher(out).replaceAll("$1…$2");
        }
        return out.replaceAll("\\s*\\(from https://all-cds\\.org/fhir/StructureDefinition/[^)]*\\)", "");
    }

    private static String reference(Resource resource, int index) {
        return resource.hasIdElement() && resource.getIdElement().hasIdPart()
                ? resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                : resource.fhirType() + " #" + (index + 1);
    }
}
