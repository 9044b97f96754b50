package org.allcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildExt;
import java.time.Month;
import java.time.Year;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.hl7.fhir.r4.model.UriType;
import tools.jackson.databind.JsonNode;

/**
 * The one place that decides whether a primitive value of a patient's resource can be used. HAPI's lenient parser
 * keeps what it cannot read and accepts more than FHIR allows (a leading space, full-width or Arabic-Indic digits);
 * here every date, dateTime, instant, time, decimal, integer, code and reference is held to its FHIR R4 grammar
 * (ASCII digits, no surrounding space, a real calendar day), and every element given its JSON to its FHIR JSON shape
 * ({@link JsonShape}: a coding given as an object, a status as an object, a quantity as a string). A value that fails
 * is cleared, so that every mapper sees it as absent, and its element is recorded on the resource for the mapping to
 * report ({@code invalid-value}).
 */
public final class PrimitiveCheck {

    private static final String INVALID_ELEMENTS = "org.allcds.invalidElements";
    /** Held once: {@code FhirContext.forR4Cached()} looks the context up in a synchronized map on every call. */
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private PrimitiveCheck() {
    }

    /** The elements of this resource whose value was invalid and cleared, e.g. {@code Patient.birthDate}. */
    @SuppressWarnings("unchecked")
    public static List<String> invalidElements(Resource resource) {
        Object found = resource.getUserData(INVALID_ELEMENTS);
        return found instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** A copy of the resource that keeps the elements the check found not valid FHIR (HAPI's copy drops them). */
    public static Resource copyOf(Resource resource) {
        Resource copy = resource.copy();
        copy.setUserData(INVALID_ELEMENTS, resource.getUserData(INVALID_ELEMENTS));
        return copy;
    }

    /** True when the text is a FHIR dateTime (or date, of any precision) whose day, if it has one, is a real one. */
    public static boolean isDateTime(String text) {
        return text != null && PrimitiveGrammar.dateTime(text) && isCalendarDay(text);
    }

    /** True when the text is a FHIR resource id: {@code [A-Za-z0-9\-\.]{1,64}}. */
    public static boolean isId(String text) {
        return text != null && PrimitiveGrammar.id(text);
    }

    /**
     * Records an element found invalid outside the walk, e.g. an id that HAPI's parser already rewrote ({@code a/b}
     * becomes {@code b}), so that only the JSON shows it was invalid. The caller clears the value.
     */
    static void recordInvalid(Resource resource, String element) {
        List<String> invalid = new java.util.ArrayList<>(invalidElements(resource));
        if (!invalid.contains(element)) {
            invalid.add(element);
            resource.setUserData(INVALID_ELEMENTS, List.copyOf(invalid));
        }
    }

    /**
     * Checks every primitive of the resource (contained resources included), clears the invalid ones and records
     * them. {@code rejectedByParser} names elements whose value HAPI already dropped (an unreadable decimal).
     */
    static void check(Resource resource, Collection<String> rejectedByParser) {
        check(resource, null, false, rejectedByParser);
    }

    /**
     * As {@link #check(Resource, Collection)}, and every element whose JSON in {@code json} (the object the resource
     * was parsed from) does not have the shape FHIR gives it ({@link JsonShape}) is cleared and recorded the same way.
     * {@code careful}: HAPI reported a JSON type it did not expect in this resource.
     */
    static void check(Resource resource, JsonNode json, boolean careful, Collection<String> rejectedByParser) {
        Walk walk = new Walk(resource, careful);
        walk.element(resource, null, FHIR.getElementDefinition(resource.getClass()), json);
        Set<String> invalid = walk.invalid;
        for (String name : rejectedByParser) {
            if (invalid.stream().noneMatch(found -> sameLeaf(found, name))) {
                invalid.add(resource.fhirType() + "." + name);
            }
        }
        if (!invalid.isEmpty()) {
            resource.setUserData(INVALID_ELEMENTS, List.copyOf(invalid));
        }
    }

    /**
     * The walk of HAPI's {@code FhirTerser.visit} (8.8) over a resource, element by element in the same order,
     * reaching the same primitives (with the extensions on them) under the same element paths, without its
     * bookkeeping: the terser wraps three path lists anew for every element. Here the path is a stack of child
     * definitions, turned into text only for an invalid value. {@code PrimitiveCheckWalkTest} holds it to the terser.
     */
    private static final class Walk {
        private final Resource resource;
        private final boolean careful;
        private final Set<String> invalid = new LinkedHashSet<>();
        private BaseRuntimeChildDefinition[] path = new BaseRuntimeChildDefinition[16];
        private int depth;

        Walk(Resource resource, boolean careful) {
            this.resource = resource;
            this.careful = careful;
        }

        /** {@code json}: the JSON object the element's children were parsed from; null where it is not known. */
        void element(IBase element, IBase parent, BaseRuntimeElementDefinition<?> definition, JsonNode json) {
            if (element instanceof PrimitiveType<?> primitive && !isValid(primitive, parent)) {
                primitive.setValue(null);
                if (parent instanceof Quantity quantity && primitive == quantity.getComparatorElement()) {
                    // without its comparator ("gt", "≥") the number would read as exact: the quantity is no result
                    quantity.setValueElement(null);
                }
                invalid.add(pathText());
            }
            switch (definition.getChildType()) {
                case CONTAINED_RESOURCE_LIST ->
                        // the terser enters a contained resource twice: as a list item, then as the resource it is
                        element(element, parent, FHIR.getElementDefinition(element.getClass()), json);
                case CONTAINED_RESOURCES, EXTENSION_DECLARED, UNDECL_EXT ->
                        throw new IllegalStateException("not an R4 element: " + definition.getChildType());
                default -> children(element, definition, json);
            }
        }

        /** A composite's children and extensions; a primitive's children are its extensions. */
        private void children(IBase element, BaseRuntimeElementDefinition<?> definition, JsonNode json) {
            List<BaseRuntimeChildDefinition> children = definition instanceof BaseRuntimeElementCompositeDefinition<?> c
                    ? c.getChildrenAndExtension() : definition.getChildren();
            for (int i = 0; i < children.size(); i++) {
                BaseRuntimeChildDefinition child = children.get(i);
                List<? extends IBase> values = valuesOf(child, element);
                if (values != null && !values.isEmpty()) {
                    push(child);
                    JsonNode[] jsonOfValues = json == null ? null : JsonShape.of(child, values, json, careful);
                    if (jsonOfValues == JsonShape.MISFIT) {
                        // HAPI read what it could of a wrong shape: nothing of it is used
                        child.getMutator().setValue(element, null);
                        invalid.add(pathText());
                    } else {
                        values(element, child, values, jsonOfValues);
                    }
                    depth--;
                }
            }
        }

        private void values(IBase element, BaseRuntimeChildDefinition child, List<? extends IBase> values,
                            JsonNode[] jsonOfValues) {
            for (int i = 0; i < values.size(); i++) {
                IBase value = values.get(i);
                JsonNode json = jsonOfValues == null ? null : jsonOfValues[i];
                // an element HAPI could read nothing of is empty, but its JSON still tells where the shape is wrong
                if (value != null && (!value.isEmpty() || json != null && !json.isEmpty())) {
                    element(value, element, definitionOf(child, value), json);
                }
            }
        }

        private void push(BaseRuntimeChildDefinition child) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = child;
        }

        private String pathText() {
            StringBuilder text = new StringBuilder(resource.fhirType());
            for (int i = 0; i < depth; i++) {
                text.append('.').append(path[i].getElementName());
                if (path[i] instanceof RuntimeChildChoiceDefinition) {
                    text.append("[x]");
                }
            }
            return text.toString();
        }
    }

    /**
     * The child's values, as its accessor gives them. HAPI's accessor for the extensions of a primitive creates an
     * empty list on every primitive that has none; a primitive without extensions is answered here without it.
     */
    private static List<? extends IBase> valuesOf(BaseRuntimeChildDefinition child, IBase element) {
        if (child instanceof RuntimeChildExt && HapiTypes.lacksExtensions(element)) {
            return List.of();
        }
        return child.getAccessor().getValues(element);
    }

    /** As the terser finds it: by the value's class, else by the nearest superclass the child names. */
    @SuppressWarnings("unchecked")
    private static BaseRuntimeElementDefinition<?> definitionOf(BaseRuntimeChildDefinition child, IBase value) {
        Class<? extends IBase> type = value.getClass();
        BaseRuntimeElementDefinition<?> found = child.getChildElementDefinitionByDatatype(type);
        while (found == null && type.getSuperclass() != null && IBase.class.isAssignableFrom(type.getSuperclass())) {
            type = (Class<? extends IBase>) type.getSuperclass();
            found = child.getChildElementDefinitionByDatatype(type);
        }
        if (found == null) {
            throw new IllegalStateException("Found value of type[" + value.getClass()
                    + "] which is not valid for field[" + child.getElementName() + "]");
        }
        return found;
    }

    static boolean isValid(PrimitiveType<?> primitive, IBase parent) {
        String text = primitive.getValueAsString();
        if (text == null) {
            return true;
        }
        if (primitive.getValue() == null) {
            return false;
        }
        return matchesGrammar(primitive, parent, text)
                && (!(primitive instanceof BaseDateTimeType) || isCalendarDay(text));
    }

    /** The FHIR grammar of the value's type; a type without one (a string, a boolean...) takes any text. */
    private static boolean matchesGrammar(PrimitiveType<?> primitive, IBase parent, String text) {
        if (primitive instanceof DateType) {
            return PrimitiveGrammar.date(text);
        } else if (primitive instanceof InstantType) {
            return PrimitiveGrammar.instant(text);
        } else if (primitive instanceof DateTimeType) {
            return PrimitiveGrammar.dateTime(text);
        } else if (primitive instanceof TimeType) {
            return PrimitiveGrammar.time(text);
        } else if (primitive instanceof DecimalType) {
            return PrimitiveGrammar.decimal(text);
        } else if (primitive instanceof UnsignedIntType) {
            return PrimitiveGrammar.unsignedInt(text);
        } else if (primitive instanceof PositiveIntType) {
            return PrimitiveGrammar.positiveInt(text);
        } else if (primitive instanceof IntegerType) {
            return PrimitiveGrammar.integer(text);
        } else if (primitive instanceof CodeType || primitive instanceof Enumeration<?>) {
            return PrimitiveGrammar.code(text);
        } else if (primitive instanceof UriType || isReferenceUrl(primitive, parent)) {
            return PrimitiveGrammar.noSpace(text);
        }
        return true;
    }

    /** A Reference's {@code reference}, a URL; its {@code display} is free text ("Jane Doe"). */
    private static boolean isReferenceUrl(PrimitiveType<?> primitive, IBase parent) {
        // hasReferenceElement first: getReferenceElement_() would add an empty reference to a display-only Reference
        return parent instanceof Reference reference && reference.hasReferenceElement()
                && primitive == reference.getReferenceElement_();
    }

    /**
     * The grammar admits 2021-02-30; the calendar does not. Only asked once the grammar matched, so a text of ten or
     * more characters starts with a four-digit year, a month 01-12 and a day 01-31: read as digits, without the
     * parser objects {@code LocalDate.parse} makes for every date of the record.
     */
    private static boolean isCalendarDay(String text) {
        if (text.length() < 10) {
            return true;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        return day <= Month.of(month).length(Year.isLeap(year));
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** "Observation.effective[x]" and HAPI's "effectiveDateTime" name the same element. */
    private static boolean sameLeaf(String path, String name) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        return leaf.endsWith("[x]") ? name.startsWith(leaf.substring(0, leaf.length() - 3)) : leaf.equals(name);
    }
}
