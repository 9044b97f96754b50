package org.allcds.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.definition.type.FactField;
import org.kie.api.definition.type.FactType;

/**
 * Drools turns a string compared with an enum field ({@code EoiClass( value == "NEGATIV" )}) into the enum constant
 * of that name, and a misspelt one into a constraint that is never true, without a word. This check reports such a
 * string, at its position, when it names no constant of the field's enum; rules should write the constant
 * ({@code EoiMrdLevel.NEGATIVE}), which the compiler checks.
 */
final class EnumLiteralCheck {

    private static final String FACTS_PACKAGE = "org.allcds.facts.";

    private EnumLiteralCheck() {
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, KieBase kieBase, ClassLoader loader) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> {
            String packageName = DrlLocator.packageName(text);
            for (DrlLocator.StringComparison c : DrlLocator.stringComparisons(text)) {
                Class<?> type = typeOf(c.type(), packageName, kieBase, loader);
                String problem = type == null ? null : problem(type, c.field(), c.literal(), kieBase, packageName, c.type());
                if (problem != null) {
                    problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, c.offset()),
                            DrlLocator.columnAt(text, c.offset()), problem));
                }
            }
        });
        return problems;
    }

    private static String problem(Class<?> type, String field, String literal, KieBase kieBase, String pkg, String typeName) {
        Class<?> fieldType = fieldType(type, field, kieBase, pkg, typeName);
        if (fieldType == null || !fieldType.isEnum()) {
            return null;
        }
        List<String> constants = Arrays.stream(fieldType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        if (constants.contains(literal)) {
            return null;
        }
        return "\"" + literal + "\" is not a value of " + fieldType.getSimpleName() + " (" + String.join(", ", constants)
                + "), so " + typeName + "." + field + " never equals it; write the constant, e.g. "
                + fieldType.getSimpleName() + "." + constants.get(0);
    }

    private static Class<?> typeOf(String name, String pkg, KieBase kieBase, ClassLoader loader) {
        FactType declared = kieBase.getFactType(pkg, name);
        if (declared != null) {
            return declared.getFactClass();
        }
        try {
            return Class.forName(FACTS_PACKAGE + name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> fieldType(Class<?> type, String field, KieBase kieBase, String pkg, String typeName) {
        FactType declared = kieBase.getFactType(pkg, typeName);
        if (declared != null) {
            FactField f = declared.getField(field);
            return f == null ? null : f.getType();
        }
        String getter = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && (m.getName().equals(field) || m.getName().equals(getter))) {
                return m.getReturnType();
            }
        }
        return null;
    }
}
