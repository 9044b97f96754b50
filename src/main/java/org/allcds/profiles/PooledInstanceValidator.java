package org.allcds.profiles;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator} with its instance validators reused. HAPI (8.8) builds a new
 * {@link InstanceValidator} for every validated resource, and each construction parses the 1.5 MB OID registry
 * ({@code oidregistry.csv}, about 20 ms of CPU) that HAPI offers no way to share. This module does what HAPI's
 * package-private {@code ValidatorWrapper} does for a JSON resource, with the same settings and message filters, but
 * takes the instance validator from a small pool: {@code InstanceValidator} is built for reuse (each top-level
 * validation clears its per-resource state), and {@code PooledInstanceValidatorTest} shows the messages are the same
 * as HAPI's for every example and request resource, validated in another order. The pool holds at most one validator per core
 * (so memory does not grow with the request threads) and a validator is dropped after {@value #USES} validations, which
 * bounds what it caches between validations. XML input goes to HAPI's path.
 */
final class PooledInstanceValidator extends FhirInstanceValidator {

    /**
     * What a validator keeps between validations grows with them: with 1,000 uses, two pooled validators held up to
     * about 120 MB beyond the definitions under steady load; with 200 or 50, about 25 MB. A new one costs the OID
     * registry's parse, about 20 ms, against 1.5–2 ms per resource validated: 0.1 ms per validation with 200 uses
     * (with 50, strict validation took about a fifth longer per request).
     */
    private static final int USES = 200;

    private record Pooled(IWorkerContext worker, InstanceValidator validator, int[] uses) {
    }

    private final BlockingQueue<Pooled> pool =
            new ArrayBlockingQueue<>(Math.max(1, Runtime.getRuntime().availableProcessors()));

    PooledInstanceValidator(IValidationSupport support) {
        super(support);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
            return super.validate(context);
        }
        IWorkerContext worker = provideWorkerContext();
        Pooled pooled = borrow(worker);
        boolean completed = false;
        try {
            List<ValidationMessage> messages = validate(worker, pooled.validator(), context);
            completed = true;
            return messages;
        } finally {
            // a validator that threw may hold half a validation's state: it is not used again
            if (completed && ++pooled.uses()[0] < USES) {
                pool.offer(pooled);
            }
        }
    }

    private Pooled borrow(IWorkerContext worker) {
        Pooled pooled;
        while ((pooled = pool.poll()) != null) {
            if (pooled.worker() == worker) {
                return pooled;
            }
        }
        return new Pooled(worker, build(worker), new int[1]);
    }

    /** The settings HAPI's {@code ValidatorWrapper} applies, read when the validator is built (ours never change). */
    private InstanceValidator build(IWorkerContext worker) {
        try {
            InstanceValidator v = new InstanceValidator(worker,
                    Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new),
                    new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
            v.setAssumeValidRestReferences(isAssumeValidRestReferences());
            v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
            v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
            v.setResourceIdRule(IdStatus.OPTIONAL);
            v.setNoTerminologyChecks(isNoTerminologyChecks());
            v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
            v.setUnknownCodeSystemsCauseErrors(true);
            v.setNoExtensibleWarnings(isNoExtensibleWarnings());
            v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
            v.setAllowExamples(isAllowExamples());
            v.setAllowXsiLocation(true);
            v.getExtensionDomains().addAll(getExtensionDomains());
            v.setFetcher(getValidatorResourceFetcher());
            v.setPolicyAdvisor(getValidatorPolicyAdvisor());
            return v;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the FHIR instance validator", e);
        }
    }

    private List<ValidationMessage> validate(IWorkerContext worker, InstanceValidator v, IValidationContext<?> context) {
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> fetchMessages = new ArrayList<>();
        for (String profile : context.getOptions().getProfiles()) {
            fetchAndAddProfile(worker, profiles, profile, fetchMessages);
        }
        String json = context.getResourceAsString();
        JsonObject meta = new Gson().fromJson(json, JsonObject.class).getAsJsonObject("meta");
        JsonElement claimed = meta == null ? null : meta.get("profile");
        if (claimed != null && claimed.isJsonArray()) {
            for (JsonElement profile : claimed.getAsJsonArray()) {
                fetchAndAddProfile(worker, profiles, profile.getAsString(), fetchMessages);
            }
        }
        v.validate(context.getOptions().getAppContext(), messages,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FhirFormat.JSON, profiles);
        if (profiles.isEmpty() && !fetchMessages.isEmpty()) {
            messages.addAll(fetchMessages);
        }
        List<ValidationMessage> kept = messages.stream().filter(PooledInstanceValidator::reported).toList();
        kept.stream().filter(m -> "Validation_VAL_Profile_Unknown".equals(m.getMessageId())
                        || "VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY".equals(m.getMessageId()))
                .forEach(m -> m.setLevel(isErrorForUnknownProfiles()
                        ? ValidationMessage.IssueSeverity.ERROR : ValidationMessage.IssueSeverity.WARNING));
        return new ArrayList<>(kept);
    }

    private static void fetchAndAddProfile(IWorkerContext worker, List<StructureDefinition> profiles, String url,
                                           List<ValidationMessage> messages) {
        try {
            StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else {
                messages.add(new ValidationMessage().setMessageId("Validation_VAL_Profile_Unknown")
                        .setLevel(ValidationMessage.IssueSeverity.ERROR).setMessage("Invalid profile. Failed to retrieve profile with url=" + url));
            }
        } catch (FHIRException e) {
            // as HAPI: a profile that cannot be loaded is left out
        }
    }

    /** HAPI's filter: binding messages without a source, and those about the unresolvable mime-type value set, are dropped. */
    private static boolean reported(ValidationMessage m) {
        String id = m.getMessageId();
        return id == null || !(id.equals("Terminology_TX_Binding_NoSource")
                || id.equals("Terminology_TX_ValueSet_NotFound") && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"));
    }
}
