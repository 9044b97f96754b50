package org.allcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import tools.jackson.databind.JsonNode;

/**
 * Whether the JSON an element was parsed from has the shape FHIR R4 gives it: an array for a repeating element and
 * for no other, an object for a composite, and for a primitive a number (decimal, integer), a boolean or a string.
 * HAPI's lenient parser reads a wrong shape without failing: an object where an array belongs as a list of one, the
 * first of an array where one value belongs, nothing from an object where a primitive belongs, a number's text from
 * a string. {@link PrimitiveCheck}'s walk asks this for every element it reaches, against the JSON object of the
 * element's parent, so the JSON is looked up, never walked a second time. A JSON null counts as absent.
 */
final class JsonShape {

    /** The JSON of an element whose shape does not fit. */
    static final JsonNode[] MISFIT = new JsonNode[0];

    private JsonShape() {
    }

    /**
     * For each of the child's values of an element parsed from {@code parent}, the JSON object its own children were
     * parsed from (a composite's object, a primitive's {@code _name} object; null where there is none), or
     * {@link #MISFIT}. {@code careful}: HAPI reported a problem with this resource's JSON, so alternates ({@code
     * _name}) and second values of a choice ({@code valueQuantity} beside {@code valueString}) are looked for too.
     */
    static JsonNode[] of(BaseRuntimeChildDefinition child, List<? extends IBase> values, JsonNode parent,
                         boolean careful) {
        String name = nameOf(child, values.get(0));
        JsonNode json = name == null ? null : parent.get(name);
        if (json == null || json.isNull() || careful && secondChoice(child, parent)) {
            return json == null || json.isNull() ? new JsonNode[values.size()] : MISFIT;
        }
        boolean repeating = child.getMax() != 1 && child.getMax() != 0;
        if (json.isArray() != repeating || repeating && json.size() != values.size()) {
            return MISFIT;
        }
        JsonNode alternate = HapiTypes.isPrimitive(values.get(0)) && (careful || anyExtended(values))
                ? parent.get("_" + name) : null;
        if (alternate != null && !alternate.isNull() && alternate.isArray() != repeating) {
            return MISFIT;
        }
        JsonNode[] children = new JsonNode[values.size()];
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = repeating ? json.get(i) : json;
            JsonNode extensions = alternate == null ? null : repeating ? alternate.get(i) : alternate;
            if (!fits(value, values.get(i)) || extensions != null && !extensions.isNull() && !extensions.isObject()) {
                return MISFIT;
            }
            children[i] = HapiTypes.isPrimitive(values.get(i)) ? extensions : value;
        }
        return children;
    }

    /** The JSON name of the child: {@code valueQuantity} for a Quantity in {@code value[x]}. */
    private static String nameOf(BaseRuntimeChildDefinition child, IBase value) {
        return child instanceof RuntimeChildChoiceDefinition choice
                ? choice.getChildNameByDatatype(value.getClass()) : child.getElementName();
    }

    /** Two names of one choice, of which HAPI kept the first. */
    private static boolean secondChoice(BaseRuntimeChildDefinition child, JsonNode parent) {
        if (!(child instanceof RuntimeChildChoiceDefinition choice)) {
            return false;
        }
        int present = 0;
        for (String name : choice.getValidChildNames()) {
            present += parent.has(name) ? 1 : 0;
        }
        return present > 1;
    }

    private static boolean anyExtended(List<? extends IBase> values) {
        for (IBase value : values) {
            if (HapiTypes.hasExtension(value)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON type FHIR gives the value's type; a null is an absent value. */
    private static boolean fits(JsonNode json, IBase value) {
        if (json.isNull()) {
            return true;
        }
        if (!HapiTypes.isPrimitive(value)) {
            return json.isObject();
        }
        if (value instanceof DecimalType || value instanceof IntegerType) {
            return json.isNumber();
        }
        return value instanceof BooleanType ? json.isBoolean() : json.isString();
    }
}
