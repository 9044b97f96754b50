package org.allcds.engine;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * The keys of a YAML file checked against the records it binds to, before binding, as {@link ConfigKeys} does for
 * {@code config.yaml}: Jackson reports an unknown property at the end of the enclosing mapping (the next service) and
 * in its own words ("Unrecognized property … not marked as ignorable"). Here each unknown key is an error at its own
 * line and column, with the key it probably means and the keys allowed there. {@link #places} says where each value
 * starts, so that checks of a bound value can point at it.
 */
final class YamlKeys {

    /** Where each value starts, by JSON pointer ({@code /services/0/hook}). */
    record Places(Map<String, TokenStreamLocation> byPointer) {

        int line(String pointer) {
            TokenStreamLocation at = byPointer.get(pointer);
            return at == null ? 1 : Math.max(at.getLineNr(), 1);
        }

        int column(String pointer) {
            TokenStreamLocation at = byPointer.get(pointer);
            return at == null ? 1 : Math.max(at.getColumnNr(), 1);
        }
    }

    private YamlKeys() {
    }

    /**
     * Each alias and merge key of the file, then each key that the record {@code root}, or a record inside it, does not
     * have; binding reports other mistakes.
     */
    static List<RuleProblem> unknown(ObjectMapper yaml, String file, String text, Class<? extends Record> root) {
        List<RuleProblem> problems = aliases(yaml, file, text);
        if (!problems.isEmpty()) {
            return problems; // the keys are read once the aliases are written out: an alias key stops the parser
        }
        try (JsonParser p = yaml.createParser(text)) {
            p.nextToken();
            walk(p, root, file, problems);
        }
        return problems;
    }

    /**
     * Every alias ({@code *name}) and merge key ({@code <<}) of the file, at its place: the parser gives an alias as a
     * string holding its name ("d" would be published as a title, a scheme switched) and a merge key as a key.
     */
    static List<RuleProblem> aliases(ObjectMapper yaml, String file, String text) {
        List<RuleProblem> problems = new ArrayList<>();
        try (JsonParser p = yaml.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                TokenStreamLocation at = p.currentTokenLocation();
                if (p instanceof YAMLParser parser && parser.isCurrentAlias()) {
                    problems.add(RuleSetFiles.error(file, at.getLineNr(), at.getColumnNr(), "the YAML alias *"
                            + p.getString() + " is not supported here: write the value out (it would be read as its name)"));
                } else if (t == JsonToken.PROPERTY_NAME && p.currentName().equals("<<")) {
                    problems.add(RuleSetFiles.error(file, at.getLineNr(), at.getColumnNr(),
                            "a YAML merge key (<<) is not supported here: write the keys out"));
                }
            }
        } catch (JacksonException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("=ALI")) {
                // an alias where a key stands: the parser stops there
                TokenStreamLocation at = e.getLocation();
                problems.add(RuleSetFiles.error(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                        "a YAML alias is not supported as a key: write the key out"));
            } // any other mistake is the binding's to report
        }
        return problems;
    }

    /** The start of every value of the file. */
    static Places places(ObjectMapper yaml, String text) {
        Map<String, TokenStreamLocation> at = new HashMap<>();
        try (JsonParser p = yaml.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isScalarValue() || t.isStructStart()) {
                    // a mapping or list opens a context of its own: its place is its parent's current entry
                    TokenStreamContext context = t.isStructStart() ? p.streamReadContext().getParent() : p.streamReadContext();
                    at.putIfAbsent(context.pathAsPointer().toString(), p.currentTokenLocation());
                }
            }
        }
        return new Places(at);
    }

    /** Reads the value at the current token, checking the keys of every mapping bound to a record. */
    private static void walk(JsonParser p, Type type, String file, List<RuleProblem> problems) {
        Class<?> raw = raw(type);
        JsonToken token = p.currentToken();
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            return; // reported by aliases()
        }
        if (token == JsonToken.START_OBJECT && (raw.isRecord() || Map.class.isAssignableFrom(raw))) {
            // a record has its own keys; a map any key, each value of one type
            Map<String, Type> components = raw.isRecord() ? components(raw) : null;
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                TokenStreamLocation at = p.currentTokenLocation();
                p.nextToken();
                if (!seen.add(key)) {
                    // YAML would keep the last value without a word
                    problems.add(RuleSetFiles.error(file, at.getLineNr(), at.getColumnNr(), ConfigKeys.duplicateKey(key)));
                }
                Type value = components == null ? argument(type, 1) : components.get(key);
                if (key.equals("<<")) {
                    p.skipChildren(); // reported by aliases()
                } else if (value != null) {
                    walk(p, value, file, problems);
                } else {
                    List<String> allowed = List.copyOf(components.keySet());
                    problems.add(RuleSetFiles.error(file, at.getLineNr(), at.getColumnNr(), ConfigKeys.unknownKey(key,
                            ConfigKeys.closest(key, allowed)) + "; the keys here are " + String.join(", ", allowed)));
                    p.skipChildren();
                }
            }
        } else if (List.class.isAssignableFrom(raw) && token == JsonToken.START_ARRAY) {
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                walk(p, argument(type, 0), file, problems);
            }
        } else {
            p.skipChildren();
        }
    }

    private static Map<String, Type> components(Class<?> record) {
        Map<String, Type> components = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.put(c.getName(), c.getGenericType());
        }
        return components;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
