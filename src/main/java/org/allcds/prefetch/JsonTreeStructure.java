package org.allcds.prefetch;

import ca.uhn.fhir.parser.json.BaseJsonLikeArray;
import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import ca.uhn.fhir.parser.json.JsonLikeStructure;
import java.io.Reader;
import java.io.Writer;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request's own JSON tree as HAPI's parser input, so the prefetch is parsed once: without it each resource was
 * written back to text and read again by HAPI's Jackson. Each value reads as HAPI's own tree would read it
 * ({@code JacksonStructure}: a decimal as its plain digits, a JSON null as null), with two differences that
 * {@link FhirJson} relies on: a number with an extreme exponent reads as its short text (see
 * {@link FhirJson#MAX_EXPONENT}), and a Bundle's entries can be read without their resources, which FhirJson parses
 * one by one. Read only; the tree is never modified.
 */
final class JsonTreeStructure implements JsonLikeStructure {

    private final ObjectNode root;
    private final boolean withoutEntryResources;

    /** {@code withoutEntryResources}: the root is a Bundle whose {@code entry[].resource} HAPI must not see. */
    JsonTreeStructure(ObjectNode root, boolean withoutEntryResources) {
        this.root = root;
        this.withoutEntryResources = withoutEntryResources;
    }

    @Override
    public BaseJsonLikeObject getRootObject() {
        return new TreeObject(root, withoutEntryResources ? Hide.ENTRY_RESOURCES : Hide.NOTHING);
    }

    @Override
    public JsonLikeStructure getInstance() {
        throw new UnsupportedOperationException("a view of one tree");
    }

    @Override
    public void load(Reader reader) {
        throw new UnsupportedOperationException("a view of one tree");
    }

    @Override
    public void load(Reader reader, boolean allowArray) {
        throw new UnsupportedOperationException("a view of one tree");
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter() {
        throw new UnsupportedOperationException("parsing only");
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter(Writer writer) {
        throw new UnsupportedOperationException("parsing only");
    }

    /** What an object hides from HAPI: the root Bundle hides its entries' resources, an entry its resource. */
    private enum Hide {
        NOTHING, ENTRY_RESOURCES, RESOURCE
    }

    /** Any node as a value; {@code hide} applies to an object (an array passes it to its element objects). */
    private static BaseJsonLikeValue value(JsonNode node, Hide hide) {
        if (node == null) {
            return null;
        }
        if (node instanceof ObjectNode object) {
            return new TreeObject(object, hide);
        }
        if (node instanceof ArrayNode array) {
            return new TreeArray(array, hide);
        }
        return new TreeScalar(node);
    }

    private static final class TreeObject extends BaseJsonLikeObject {
        private final ObjectNode node;
        private final Hide hide;

        TreeObject(ObjectNode node, Hide hide) {
            this.node = node;
            this.hide = hide;
        }

        @Override
        public Object getValue() {
            return null;
        }

        @Override
        public Iterator<String> keyIterator() {
            Iterator<String> names = node.propertyNames().iterator();
            return hide == Hide.RESOURCE ? new Without("resource", names) : names;
        }

        @Override
        public BaseJsonLikeValue get(String key) {
            if (hide == Hide.RESOURCE && key.equals("resource")) {
                return null;
            }
            JsonNode child = node.get(key);
            boolean entries = hide == Hide.ENTRY_RESOURCES && key.equals("entry") && child instanceof ArrayNode;
            return value(child, entries ? Hide.RESOURCE : Hide.NOTHING);
        }
    }

    private static final class TreeArray extends BaseJsonLikeArray {
        private final ArrayNode node;
        /** What each element object hides (the entries of a root Bundle hide their resource). */
        private final Hide elementsHide;

        TreeArray(ArrayNode node, Hide elementsHide) {
            this.node = node;
            this.elementsHide = elementsHide;
        }

        @Override
        public Object getValue() {
            return null;
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public BaseJsonLikeValue get(int index) {
            JsonNode element = node.get(index);
            return value(element, element instanceof ObjectNode ? elementsHide : Hide.NOTHING);
        }
    }

    /** A string, number, boolean or null, read as HAPI's {@code JacksonJsonValue} reads it. */
    private static final class TreeScalar extends BaseJsonLikeValue {
        private final JsonNode node;
        /** The short text of a number with an extreme exponent, which then reads as a string; else null. */
        private final String extreme;

        TreeScalar(JsonNode node) {
            this.node = node;
            this.extreme = FhirJson.isExtreme(node) ? node.decimalValue().toString() : null;
        }

        @Override
        public ValueType getJsonType() {
            return node.isNull() || node.isMissingNode() ? ValueType.NULL : ValueType.SCALAR;
        }

        @Override
        public ScalarType getDataType() {
            if (extreme != null || node.isString()) {
                return ScalarType.STRING;
            }
            if (node.isNumber()) {
                return ScalarType.NUMBER;
            }
            return node.isBoolean() ? ScalarType.BOOLEAN : null;
        }

        @Override
        public Object getValue() {
            if (node.isMissingNode()) {
                return null;
            }
            if (extreme == null && node.isNumber()) {
                return node.numberValue();
            }
            return node.isBoolean() ? Boolean.valueOf(node.booleanValue()) : getAsString();
        }

        @Override
        public String getAsString() {
            if (extreme != null) {
                return extreme;
            }
            if (node.isString()) {
                return node.stringValue();
            }
            if (node.isFloatingPointNumber()) {
                // HAPI reads decimals as BigDecimal and hands them on as plain digits: 1.0e2 is "100"
                return node.decimalValue().toPlainString();
            }
            if (node.isNumber()) {
                return node.bigIntegerValue().toString();
            }
            if (node.isBoolean()) {
                return String.valueOf(node.booleanValue());
            }
            return node.isNull() ? "null" : "";
        }

        @Override
        public Number getAsNumber() {
            return extreme == null && node.isNumber() ? node.numberValue() : null;
        }

        @Override
        public boolean getAsBoolean() {
            return node.isBoolean() ? node.booleanValue() : super.getAsBoolean();
        }

    }

    /** The names of an object but one. */
    private static final class Without implements Iterator<String> {
        private final String skipped;
        private final Iterator<String> names;
        private String next;

        Without(String skipped, Iterator<String> names) {
            this.skipped = skipped;
            this.names = names;
            advance();
        }

        private void advance() {
            next = null;
            while (names.hasNext() && next == null) {
                String name = names.next();
                next = name.equals(skipped) ? null : name;
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public String next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            String current = next;
            advance();
            return current;
        }
    }
}
