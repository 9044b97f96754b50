package org.allcds.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.DraftOrder;
import org.allcds.integrity.Duplicates;
import org.allcds.integrity.PatientRecordCheck;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.DraftOrders;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.JsonNode;

/**
 * What a hook with draft orders (order-select, order-sign) adds to a call: the orders of the patient in context as
 * facts, and a narrower answer. Such a hook interrupts a signature, so it reports only findings about a draft order
 * (plus the contract's {@code foreign-subject-excluded} and {@code dated-after-evaluation-time}, which say records or
 * orders were left out, and the data-quality
 * issues of the orders themselves: one without a usable id, a duplicate); everything else the rules
 * concluded about the patient stays for the patient-view services.
 */
public final class DraftOrderScope implements HookContextFacts {

    private static final String FIELD = "draftOrders";
    /** Contract §2a D2 and D4: records left out, which an order check that lacks an input may lack because of them. */
    private static final Set<String> LEFT_OUT = Set.of(PatientRecordCheck.FOREIGN_SUBJECT, PatientRecordCheck.DATED_AFTER);

    private final FactMapper mapper;

    /** {@code mapper} is the evaluation's own, so site ConceptMaps apply to order codes too. */
    public DraftOrderScope(FactMapper mapper) {
        this.mapper = mapper;
    }

    public static boolean applies(String hook) {
        return HookPipeline.REQUIRED_CONTEXT.getOrDefault(hook, List.of()).contains(FIELD);
    }

    /** The draft-order facts of a call; none for hooks without draft orders. */
    @Override
    public List<Object> facts(ServiceDefinition service, JsonNode context, String fhirServer) {
        // a call without draftOrders is refused before evaluation (HookPipeline); local data may simply have none
        if (!applies(service.hook()) || context == null || !context.has(FIELD)) {
            return List.of();
        }
        JsonNode patientId = context.get("patientId");
        String patient = patientId == null || !patientId.isString() ? null : patientId.asString();
        List<Resource> mine = new ArrayList<>();
        List<Resource> others = new ArrayList<>();
        List<Resource> orders = new ArrayList<>();
        for (Resource order : DraftOrders.parse(context.get(FIELD))) {
            if (!DraftOrders.isOrderRead(order)) {
                continue; // contract §2: resources other than those it lists are ignored, not counted as another's
            }
            orders.add(order);
            // contract §2a D2, as for the record: an order of another patient, or of none, is never used
            boolean ofThePatient = PatientRecordCheck.refersToPatient(DraftOrders.subject(order), patient,
                    fhirServer);
            (ofThePatient ? mine : others).add(order);
        }
        // D3 before D2, as for the record: the copy that counts (the latest meta.lastUpdated, else the first sent)
        // decides whose order it is; one naming another patient withdraws the patient's copies
        mine.removeIf(order -> {
            Resource counting = countingCopy(order, orders);
            return others.stream().anyMatch(other -> other == counting);
        });
        // another patient's orders, each counted once: a copy superseded by one of the patient's is no order of theirs
        int foreign = (int) others.stream().filter(other -> countingCopy(other, orders) == other).count();
        return mapper.draftOrders(mine, foreign);
    }

    /** Of the copies of {@code order} in {@code orders}, the one D3 counts, as the record's ({@link Duplicates}). */
    private static Resource countingCopy(Resource order, List<Resource> orders) {
        String identity = Duplicates.identity(order, DraftOrders.fullUrl(order));
        Resource counting = null;
        for (Resource copy : orders) {
            if (identity != null && identity.equals(Duplicates.identity(copy, DraftOrders.fullUrl(copy)))
                    && (counting == null || Duplicates.isLaterCopy(copy, counting))) {
                counting = copy;
            }
        }
        return counting == null ? order : counting;
    }

    /** The findings a hook reports: all of them, or for draft-order hooks only those about a draft order. */
    public static List<ExplainedFinding> reported(String hook, List<ExplainedFinding> findings) {
        if (!applies(hook)) {
            return findings;
        }
        return findings.stream().filter(DraftOrderScope::aboutOrders).map(DraftOrderScope::onlyAboutOrders).toList();
    }

    /**
     * A data-quality finding kept for an issue of the orders themselves, with only the orders' issues: one finding per
     * code gathers every issue of that code, the patient records' too, which belong to the patient-view services. The
     * records left out that order checks may rest on (another patient's, dated later) are kept whole.
     */
    private static ExplainedFinding onlyAboutOrders(ExplainedFinding f) {
        if (!f.finding().type().equals("data-quality") || LEFT_OUT.contains(f.finding().value())) {
            return f;
        }
        return new ExplainedFinding(f.finding(), f.rules(),
                f.inputs().stream().filter(i -> i instanceof DraftOrder || aboutOrders(i)).toList());
    }

    private static boolean aboutOrders(ExplainedFinding f) {
        return f.inputs().stream().anyMatch(i -> i instanceof DraftOrder || aboutOrders(i))
                || f.finding().type().equals("data-quality") && LEFT_OUT.contains(f.finding().value());
    }

    /** An issue of the draft orders themselves (a missing or invalid id, a duplicate): it names where they stand. */
    private static boolean aboutOrders(Object input) {
        return input instanceof DataQualityIssue issue && issue.detail().contains(DraftOrders.PATH);
    }
}
