package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.allcds.facts.DataQualityCodes;
import org.allcds.facts.ValueBound;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** The resources of each type, and where their dates and components are. */
final class Resources {

    /** The data-quality code of a coded value or component outside its value set (data contract §4). */
    static final String NOT_A_QUANTITY = DataQualityCodes.VALUE_NOT_A_QUANTITY;
    static final String NOT_RECOGNISED = DataQualityCodes.CODE_NOT_RECOGNISED;
    /** The element of a coded value, as the data-quality issues of the mapping name it. */
    static final String CODED_VALUE = "Observation.value[x]";

    private Resources() {
    }

    // Void statuses (contract D5) are left out before mapping, in org.allcds.integrity; results not yet final are
    // weighed by each input's mapping (ResultStatus).
    static List<Observation> observations(PatientData data) {
        return data.ofType(Observation.class);
    }

    static List<Condition> conditions(PatientData data) {
        return data.ofType(Condition.class);
    }

    static List<Procedure> procedures(PatientData data) {
        return data.ofType(Procedure.class);
    }

    /**
     * The resources as a reference names them: by the {@code fullUrl} of their entry and by {@code Type/id}; the first
     * of each name counts.
     */
    static Map<String, Resource> byReference(List<? extends Resource> resources) {
        Map<String, Resource> byReference = new HashMap<>();
        for (Resource resource : resources) {
            String fullUrl = PatientData.fullUrl(resource);
            if (fullUrl != null) {
                byReference.putIfAbsent(fullUrl, resource);
            }
            String reference = MappingContext.reference(resource);
            if (reference != null) {
                byReference.putIfAbsent(reference, resource);
            }
        }
        return byReference;
    }

    /** The resource contained in {@code holder} that a local reference ({@code #id}) names. */
    static Optional<Resource> contained(DomainResource holder, String reference) {
        String id = reference.substring(1);
        // HAPI keeps a contained resource's id with or without its '#'
        return holder.getContained().stream()
                .filter(r -> r.getIdElement().hasIdPart() && id.equals(r.getIdElement().getIdPart().replace("#", "")))
                .findFirst();
    }

    static List<Observation> withCode(List<Observation> observations, Collection<Code> codes, MappingContext ctx) {
        List<Observation> matching = new ArrayList<>();
        for (Observation o : observations) {
            if (ctx.matches(o.getCode(), codes)) {
                matching.add(o);
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /** effectiveDateTime or effectiveInstant, else the start of effectivePeriod. */
    static BaseDateTimeType effective(Observation observation) {
        return dateOrStart(observation.getEffective());
    }

    /** performedDateTime, else the start of performedPeriod. */
    static BaseDateTimeType performed(Procedure procedure) {
        return dateOrStart(procedure.getPerformed());
    }

    private static BaseDateTimeType dateOrStart(Type value) {
        if (value instanceof BaseDateTimeType date) {
            return date;
        }
        if (value instanceof Period period) {
            return period.getStartElement();
        }
        return null;
    }

    /**
     * Reports each result whose coded value {@code read} does not recognise (code-not-recognised): the record holds the
     * input, in a code outside its value set, so a card names it instead of asking for the input as if none were sent.
     */
    static void reportUnrecognisedValues(List<Observation> results, Function<Observation, Optional<?>> read,
                                         MappingContext ctx) {
        results.stream().filter(o -> hasUnrecognisedValue(o, read))
                .forEach(o -> ctx.issue(NOT_RECOGNISED, valuePath(o, ctx), MappingContext.reference(o)));
    }

    /**
     * A value that {@code read} does not recognise: a code outside the value set, or a value of another type where a
     * code is expected (a subtype written as text, a FISH answered true). Either way the lab sent a result that cannot
     * be read, which is not the same as no result. A result without a value (dataAbsentReason) is none.
     */
    static boolean hasUnrecognisedValue(Observation result, Function<Observation, Optional<?>> read) {
        return hasValue(result) && read.apply(result).isEmpty();
    }

    /**
     * Where a coded input's value that was not read is: "Observation.value[x]" for a code, with ".coding" when its
     * codings disagree, else the element of the type sent ("Observation.valueString"), which the card words as a value
     * that is not a code.
     */
    static String valuePath(Observation result, MappingContext ctx) {
        Type value = result.getValue();
        if (value instanceof CodeableConcept concept) {
            return codedPath(CODED_VALUE, concept, ctx);
        }
        return "Observation." + typedElement("value", value);
    }

    /** The element of a code not read, with ".coding" when its codings disagree ({@link MappingContext#lookup}). */
    static String codedPath(String element, CodeableConcept concept, MappingContext ctx) {
        return ctx.codingsDisagree(concept) ? element + ".coding" : element;
    }

    /** True when the result holds a value (of any type); a data-absent-reason alone is none. */
    static boolean hasValue(Observation result) {
        return holdsData(result.getValue());
    }

    /** The element of a result's value as sent ("Observation.valueString", "Observation.valueQuantity"). */
    static String typedValuePath(Observation result) {
        return "Observation." + typedElement("value", result.getValue());
    }

    /**
     * True when every result holds a number (a valueQuantity with a value); each that does not (a text "0.5 %", a
     * code, a Quantity with a unit only) is reported as {@code value-not-a-quantity}: a result the lab sent that
     * cannot be read, which is not the same as no result.
     */
    static boolean numbersOnly(List<Dated<Observation>> results, MappingContext ctx) {
        List<Dated<Observation>> notNumbers = results.stream().filter(d -> quantity(d.resource()).isEmpty()).toList();
        notNumbers.forEach(d -> ctx.issue(NOT_A_QUANTITY, typedValuePath(d.resource()), d.reference()));
        return notNumbers.isEmpty();
    }

    /**
     * What a result's components of one code say, read through {@code table}: the value, or none when there is no such
     * component, or when one holds a value that cannot be read or they give different values ({@code unread} then
     * names the element for the report: a code outside the value set, a value of another type, ".coding" for values
     * that disagree). A multi-select form's two site components must not be read by their order, as two codings must
     * not ({@link MappingContext#lookup}).
     */
    record ComponentRead<T>(Optional<T> value, String unread) {
    }

    static <T> ComponentRead<T> readComponent(Observation result, Code code, String element, Map<Code, T> table,
                                              MappingContext ctx) {
        Set<T> read = new LinkedHashSet<>();
        String unread = null;
        for (ObservationComponentComponent component : result.getComponent()) {
            Type value = component.getValue();
            if (!ctx.matches(component.getCode(), code) || !holdsData(value)) {
                continue;
            }
            Optional<T> found = value instanceof CodeableConcept concept ? ctx.lookup(concept, table) : Optional.empty();
            if (found.isPresent()) {
                read.add(found.get());
            } else {
                unread = value instanceof CodeableConcept concept ? codedPath(element, concept, ctx)
                        : element + "." + typedElement("value", value);
            }
        }
        if (read.size() > 1) {
            return new ComponentRead<>(Optional.empty(), element + ".coding");
        }
        return unread != null ? new ComponentRead<>(Optional.empty(), unread)
                : new ComponentRead<>(read.stream().findFirst(), null);
    }

    /**
     * False for no value, or one that carries only extensions (a data-absent-reason): it says nothing was sent, as the
     * Observation's own dataAbsentReason does, whatever the type of the value.
     */
    private static boolean holdsData(Type value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        Type bare = value.copy();
        bare.setId(null);
        bare.getExtension().clear();
        return !bare.isEmpty();
    }

    /** "valueString" for a string sent as {@code value[x]}: the element of the type sent. */
    private static String typedElement(String choice, Type value) {
        String type = value.fhirType();
        return choice + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    /**
     * True when a result that may be the latest among those with a value (one of the latest time, or one that cannot be
     * placed before it: no date, or a month not yet over then) is one {@code read} does not recognise: the latest word
     * on the input may not be read, so an older one must not stand in for it.
     */
    static boolean latestIsUnrecognised(List<Observation> results, Function<Observation, Optional<?>> read,
                                        MappingContext ctx) {
        List<Dated<Observation>> coded = results.stream().filter(Resources::hasValue).map(o -> dated(o, ctx)).toList();
        return SameTime.mayBeLatest(coded).stream().anyMatch(d -> read.apply(d.resource()).isEmpty());
    }

    static Dated<Observation> dated(Observation observation, MappingContext ctx) {
        return Dated.of(observation, effective(observation), "Observation.effective[x]", ctx);
    }

    /** The valueQuantity when it carries a number; results without one (e.g. dataAbsentReason) are not results. */
    static Optional<Quantity> quantity(Observation observation) {
        return observation.getValue() instanceof Quantity q && q.hasValue() ? Optional.of(q) : Optional.empty();
    }

    /** A quantity's value in the unit the rules use; empty when its unit cannot be converted to it. */
    interface UnitConversion {
        Optional<BigDecimal> convert(BigDecimal value, String system, String code);
    }

    /** A result's value in the rules' unit, with how it was reported (exactly or as a bound). */
    record BoundedValue(BigDecimal value, ValueBound bound) {
    }

    /**
     * The result's value converted by {@code unit} and its bound, each problem named: a comparator that is no bound, a
     * unit that does not convert, a value outside {@code range}.
     */
    static Optional<BoundedValue> boundedValue(Dated<Observation> dated, UnitConversion unit, PlausibleRange range,
                                               MappingContext ctx) {
        return boundedValue(quantity(dated.resource()).orElseThrow(), "Observation.valueQuantity", dated.reference(), unit,
                range, ctx);
    }

    /** As above, for a quantity at {@code element} of the record {@code reference} (a component's value). */
    static Optional<BoundedValue> boundedValue(Quantity quantity, String element, String reference, UnitConversion unit,
                                               PlausibleRange range, MappingContext ctx) {
        Optional<ValueBound> bound = bound(quantity);
        if (bound.isEmpty()) {
            ctx.issue("censored-value", element + ".comparator", reference);
            return Optional.empty();
        }
        Optional<BigDecimal> converted = unit.convert(quantity.getValue(), quantity.getSystem(), quantity.getCode());
        if (converted.isEmpty()) {
            ctx.issue("unit-not-convertible", element + ".code", reference);
        }
        return converted.flatMap(value -> ctx.plausible(value, range, element + ".value", reference))
                .map(value -> new BoundedValue(value, bound.get()));
    }

    /**
     * The numbers of a result's components of {@code code}, one entry for each component that holds data; empty for one
     * that holds data other than a number (a text "2 %"), which is reported as value-not-a-quantity at its element
     * ({@code element}.valueString), as a result's own value is. The empty entries stay: a value given but not read may
     * be on either side of a cut-off.
     */
    static List<Optional<Quantity>> componentQuantities(Observation result, Collection<Code> code, String element,
                                                        MappingContext ctx) {
        List<Optional<Quantity>> quantities = new ArrayList<>();
        for (ObservationComponentComponent component : result.getComponent()) {
            Type value = component.getValue();
            if (!ctx.matches(component.getCode(), code) || !holdsData(value)) {
                continue;
            }
            if (value instanceof Quantity q && q.hasValue()) {
                quantities.add(Optional.of(q));
            } else {
                ctx.issue(NOT_A_QUANTITY, element + "." + typedElement("value", value), MappingContext.reference(result));
                quantities.add(Optional.empty());
            }
        }
        return quantities;
    }

    /**
     * How the value was reported: exactly, or as a bound ("&lt; x", "&gt;= x"); empty for a comparator that is no
     * bound ({@code ad}, "sufficient to achieve"), whose value cannot be compared at all.
     */
    static Optional<ValueBound> bound(Quantity quantity) {
        if (!quantity.hasComparator()) {
            return Optional.of(ValueBound.EXACT);
        }
        return switch (quantity.getComparator()) {
            case LESS_THAN -> Optional.of(ValueBound.LESS_THAN);
            case LESS_OR_EQUAL -> Optional.of(ValueBound.AT_MOST);
            case GREATER_THAN -> Optional.of(ValueBound.MORE_THAN);
            case GREATER_OR_EQUAL -> Optional.of(ValueBound.AT_LEAST);
            default -> Optional.empty();
        };
    }
}
