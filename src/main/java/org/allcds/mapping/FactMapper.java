package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.facts.AllPatient;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.MissingInput;
import org.allcds.facts.Patient;
import org.allcds.facts.Relapse;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrimitiveCheck;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the patient's FHIR resources into the plain clinical facts the rules match on (data contract §2, I1–I13).
 * Absent or unusable data gives no fact, plus a DataQualityIssue when the record is wrong rather than silent: among
 * them every value {@link PrimitiveCheck} cleared ({@code invalid-value}). The caller adds EvaluationTime and
 * RuleConfig. The same input always gives the same facts in the same order.
 */
public final class FactMapper {

    private final ConceptTranslator translator;

    /** Codes stand only for themselves. */
    public FactMapper() {
        this(ConceptTranslator.IDENTITY);
    }

    /** Every code is matched through the translator, so a site's own codes can stand for the contract's. */
    public FactMapper(ConceptTranslator translator) {
        this.translator = Objects.requireNonNull(translator, "translator");
    }

    /**
     * Per resource type, every code this mapping reads on a resource's {@code code}: the data contract's and the site
     * codes the translator maps onto them. A search template that leaves one out hides data (contract §1).
     */
    public Map<String, Set<Code>> codesRead() {
        Map<String, Set<Code>> read = new TreeMap<>();
        Codes.SEARCHED.forEach((type, codes) -> read.put(type, Stream.concat(codes.stream(),
                translator.sourcesOf(codes).stream()).collect(Collectors.toUnmodifiableSet())));
        return read;
    }

    /** As {@link #map(PatientData, LocalDate, CalendarZone)}, every date read as written. */
    public List<Object> map(PatientData data, LocalDate evaluationDate) {
        return map(data, evaluationDate, CalendarZone.AS_WRITTEN);
    }

    /** The facts of {@code data} at {@code evaluationDate}, each dateTime's calendar date taken in {@code zone} (E9). */
    public List<Object> map(PatientData data, LocalDate evaluationDate, CalendarZone zone) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(evaluationDate, "evaluationDate");
        MappingContext ctx = new MappingContext(translator, Specimens.in(data), zone);
        data.resources().forEach(resource -> PrimitiveCheck.invalidElements(resource)
                .forEach(element -> ctx.issue("invalid-value", element, MappingContext.reference(resource))));
        // a preliminary result the final one of its sample replaces is no rival of it (Observation.status)
        List<Observation> observations = ResultStatus.withoutSuperseded(Resources.observations(data), ctx);
        List<Condition> conditions = Resources.conditions(data);
        List<Procedure> procedures = Resources.procedures(data);
        List<Object> facts = new ArrayList<>();

        Optional<Patient> patient = PatientMapper.map(data, ctx);
        List<Condition> allConditions = DiagnosisMapper.allConditions(conditions, ctx);
        Optional<Diagnosis> diagnosis = DiagnosisCheck.check(DiagnosisMapper.earliest(allConditions,
                patient.map(Patient::birthDate), ctx), observations, procedures, ctx);
        AllPatientMapper.map(allConditions, observations, procedures, ctx).ifPresent(allPatient -> {
            facts.add(allPatient);
            DiagnosisMapper.recordGap(conditions, allConditions, ctx).ifPresent(facts::add);
        });
        patient.ifPresent(facts::add);
        diagnosis.ifPresent(facts::add);
        patient.flatMap(p -> diagnosis.flatMap(dx -> PatientMapper.ageAtDiagnosis(p, dx, ctx))).ifPresent(facts::add);
        patient.flatMap(p -> PatientMapper.ageAtEvaluation(p, evaluationDate, ctx)).ifPresent(facts::add);

        RelapseMapper.RelapseCut relapseCut = RelapseMapper.cut(observations, diagnosis, ctx);
        LineageMapper.map(observations, allConditions, diagnosis, ctx).ifPresent(facts::add);
        LineageMapper.atDiagnosis(observations, allConditions, diagnosis, relapseCut, ctx).ifPresent(facts::add);
        WbcMapper.map(observations, diagnosis, ctx).ifPresent(facts::add);
        CnsMapper.map(observations, diagnosis, relapseCut, ctx).ifPresent(facts::add);
        TesticularMapper.map(observations, diagnosis, relapseCut, ctx).ifPresent(facts::add);
        facts.addAll(GeneticsMapper.map(observations, ctx));
        Optional<LocalDate> diagnosisDate = diagnosis.map(Diagnosis::date);
        HsctMapper.Transplants transplants = HsctMapper.of(procedures, ctx);
        // the therapy as it stood at a relapse date, read once: the relapse's timing and the therapy fact share it
        Map<LocalDate, Optional<FrontlineTherapy>> therapyAtDate = new HashMap<>();
        Function<LocalDate, Optional<FrontlineTherapy>> therapyAt = date -> therapyAtDate.computeIfAbsent(date,
                d -> TherapyMapper.map(procedures, diagnosisDate, Optional.of(d), ctx));
        List<Object> relapse = RelapseMapper.map(observations, diagnosis, transplants, therapyAt, ctx);
        Optional<Relapse> classified = relapse.stream().filter(Relapse.class::isInstance).map(Relapse.class::cast)
                .findFirst();
        Optional<FrontlineTherapy> therapy = classified.isPresent() ? therapyAt.apply(classified.get().date())
                : TherapyMapper.map(procedures, diagnosisDate, Optional.empty(), ctx);
        HsctMapper.reportDatesNotUsed(transplants, classified.map(Relapse::date), ctx);
        Timepoints.FrontLine frontLine = new Timepoints.FrontLine(diagnosis, relapseCut);
        facts.addAll(MrdMapper.map(observations, classified, frontLine, ctx));
        MarrowBlastsMapper.Read blasts = MarrowBlastsMapper.read(observations, classified, frontLine, ctx);
        facts.addAll(blasts.blasts());
        facts.addAll(blasts.undated());
        facts.addAll(relapse);
        therapy.ifPresent(facts::add);
        HsctMapper.latest(transplants, evaluationDate, classified.map(Relapse::date)).ifPresent(facts::add);
        DownSyndromeMapper.map(conditions, ctx).ifPresent(facts::add);
        facts.addAll(MissingInput.of(facts)); // once here, so that no rule has to spell out "no fact X" again

        facts.addAll(RecordNames.named(ctx.issues(), data, ctx));
        return List.copyOf(facts);
    }

    /**
     * The issues another step found in {@code data} (the integrity step's), each record named as the mapping names
     * the records of its own issues, its date in {@code zone}: what the card's data-quality lines say
     * ("End-of-induction MRD (2024-06-03)").
     */
    public List<DataQualityIssue> named(List<DataQualityIssue> issues, PatientData data, CalendarZone zone) {
        return RecordNames.named(issues, data, new MappingContext(translator, Specimens.in(data), zone));
    }

    /**
     * What in {@code data} would show an ALL patient ({@link AllPatient#evidence()}); empty for any other record. For
     * records the integrity step left out, to tell a chart whose ALL records were all left out from one without any.
     */
    public List<String> allEvidence(PatientData data) {
        // evidence is a record's kind, never its date
        MappingContext ctx = new MappingContext(translator);
        List<Condition> allConditions = DiagnosisMapper.allConditions(Resources.conditions(data), ctx);
        return AllPatientMapper.map(allConditions, Resources.observations(data), Resources.procedures(data), ctx)
                .map(AllPatient::evidence).orElse(List.of());
    }

    /**
     * The draft orders of an order-sign call (already limited to the patient in context) as {@link DraftOrder} facts;
     * {@code foreign} orders of another patient were left out and are reported by count only (data contract §2a D2).
     */
    public List<Object> draftOrders(List<Resource> orders, int foreign) {
        // a draft order is read for what it orders, never for a date
        MappingContext ctx = new MappingContext(translator);
        List<Object> facts = new ArrayList<>(DraftOrderMapper.map(orders, ctx));
        if (foreign > 0) {
            ctx.issue("foreign-subject-excluded", "context.draftOrders: " + foreign + " order(s) of another patient", null);
        }
        facts.addAll(ctx.issues());
        return List.copyOf(facts);
    }
}
