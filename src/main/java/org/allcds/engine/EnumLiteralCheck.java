package org.allcds.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern PATTERN_START = Pattern.compile("\\b([A-Z]\\w*)\\s*\\(");
    private static final Pattern STRING_COMPARISON = Pattern.compile("\\b([a-z]\\w*)\\s*(?:==|!=)\\s*\"([^\"]*)\"");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^[ \\t]*package\\s+([\\w.]+)");
    private static final String FACTS_PACKAGE = "org.allcds.facts.";

    private EnumLiteralCheck() {
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, KieBase kieBase, ClassLoader loader) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            String packageName = pkg.find() ? pkg.group(1) : "";
            Matcher start = PATTERN_START.matcher(text);
            while (start.find()) {
                Class<?> type = typeOf(start.group(1), packageName, kieBase, loader);
                if (type == null) {
                    continue;
                }
                int end = closingParenthesis(text, start.end());
                Matcher c = STRING_COMPARISON.matcher(text.substring(start.end(), end));
                while (c.find()) {
                    String problem = problem(type, c.group(1), c.group(2), kieBase, packageName, start.group(1));
                    if (problem != null) {
                        int offset = start.end() + c.start(2) - 1;
                        problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, offset), DrlLocator.columnAt(text, offset), problem));
                    }
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

    /** The index of the parenthesis closing the one opened just before {@code from} (end of text if none). */
    static int closingParenthesis(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }
}
