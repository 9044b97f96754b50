package org.allcds.system;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Configuration keys in relaxed binding's canonical form (lower case, no dashes, no list indexes), so that a key as
 * written in YAML, as a settings record declares it and as an environment variable names it can be compared.
 */
public final class ConfigurationKeys {

    private ConfigurationKeys() {
    }

    /** Relaxed binding's canonical form: lower case, no dashes, list indexes dropped. */
    public static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replaceAll("\\[\\d+]", "");
    }

    /** An environment variable as Spring reads it: {@code ALLCDS_SECURITY_ISSUERS_0_ISS} → allcds.security.issuers.iss. */
    public static String keyOfVariable(String variable) {
        return canonical(String.join(".", Arrays.stream(variable.toLowerCase(Locale.ROOT).split("_"))
                .filter(part -> !part.matches("\\d+")).toList()));
    }

    /** The keys of a settings record bound at {@code prefix}, with those of its record and list-of-record components. */
    public static void addRecordKeys(String prefix, Class<?> type, Set<String> keys) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + "." + canonical(c.getName());
            keys.add(key);
            Class<?> element = elementRecord(c.getGenericType());
            if (element != null) {
                addRecordKeys(key, element, keys);
            }
        }
    }

    /** The record type of a record-valued or list-of-records component, else null. */
    private static Class<?> elementRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }
}
