package org.allcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.UriType;

/**
 * The one place that decides whether a primitive value of a patient's resource can be used. HAPI's lenient parser
 * keeps what it cannot read and accepts more than FHIR allows (a leading space, full-width or Arabic-Indic digits);
 * here every date, dateTime, instant, time, decimal, integer, code and reference is held to its FHIR R4 grammar
 * (ASCII digits, no surrounding space, a real calendar day). A value that fails is cleared, so that every mapper sees
 * it as absent, and its element is recorded on the resource for the mapping to report ({@code invalid-value}).
 */
public final class PrimitiveCheck {

    private static final String INVALID_ELEMENTS = "org.allcds.invalidElements";
    /** Held once: {@code FhirContext.forR4Cached()} looks the context up in a synchronized map on every call. */
    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    // Non-capturing groups: only whether a value matches is asked, and a capturing group costs every match its
    // bookkeeping (the Matcher of the date-time grammar carried some thirty ints per primitive checked).
    private static final String YEAR = "(?:[0-9](?:[0-9](?:[0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
    private static final String CLOCK = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?";
    private static final String ZONE = "(?:Z|(?:\\+|-)(?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    private static final String MONTH = "(?:0[1-9]|1[0-2])";
    private static final String DAY = "(?:0[1-9]|[1-2][0-9]|3[0-1])";
    private static final Grammar DATE = new Grammar(YEAR + "(?:-" + MONTH + "(?:-" + DAY + ")?)?");
    private static final Grammar DATE_TIME = new Grammar(YEAR
            + "(?:-" + MONTH + "(?:-" + DAY + "(?:T" + CLOCK + ZONE + ")?)?)?");
    private static final Grammar INSTANT = new Grammar(YEAR + "-" + MONTH + "-" + DAY + "T" + CLOCK + ZONE);
    private static final Grammar TIME = new Grammar(CLOCK);
    private static final Grammar DECIMAL = new Grammar("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Grammar INTEGER = new Grammar("[0]|[-+]?[1-9][0-9]*");
    private static final Grammar CODE = new Grammar("[^\\s]+(?: [^\\s]+)*");
    private static final Grammar NO_SPACE = new Grammar("\\S+");

    /**
     * A grammar whose matcher each thread keeps and resets per value: a new Matcher allocates its group and loop
     * state every time, and a request checks every primitive of the patient's record.
     */
    private static final class Grammar {
        private final ThreadLocal<Matcher> matcher;

        Grammar(String regex) {
            Pattern pattern = Pattern.compile(regex);
            this.matcher = ThreadLocal.withInitial(() -> pattern.matcher(""));
        }

        boolean matches(String text) {
            Matcher reused = matcher.get();
            boolean matches = reused.reset(text).matches();
            reused.reset(""); // holds no patient value after the check
            return matches;
        }
    }

    private PrimitiveCheck() {
    }

    /** The elements of this resource whose value was invalid and cleared, e.g. {@code Patient.birthDate}. */
    @SuppressWarnings("unchecked")
    public static List<String> invalidElements(Resource resource) {
        Object found = resource.getUserData(INVALID_ELEMENTS);
        return found instanceof List<?> list ? (List<String>) list : List.of();
    }

    /**
     * Checks every primitive of the resource (contained resources included), clears the invalid ones and records
     * them. {@code rejectedByParser} names elements whose value HAPI already dropped (an unreadable decimal).
     */
    static void check(Resource resource, Collection<String> rejectedByParser) {
        Set<String> invalid = new LinkedHashSet<>();
        TERSER.visit(resource, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing, List<BaseRuntimeChildDefinition> path,
                                         List<ca.uhn.fhir.context.BaseRuntimeElementDefinition<?>> definitions) {
                if (element instanceof PrimitiveType<?> primitive && !isValid(primitive, parent(containing))) {
                    primitive.setValue(null);
                    invalid.add(pathOf(resource, path));
                }
                return true;
            }
        });
        for (String name : rejectedByParser) {
            if (invalid.stream().noneMatch(found -> sameLeaf(found, name))) {
                invalid.add(resource.fhirType() + "." + name);
            }
        }
        if (!invalid.isEmpty()) {
            resource.setUserData(INVALID_ELEMENTS, List.copyOf(invalid));
        }
    }

    static boolean isValid(PrimitiveType<?> primitive, IBase parent) {
        String text = primitive.getValueAsString();
        if (text == null) {
            return true;
        }
        if (primitive.getValue() == null) {
            return false;
        }
        Grammar grammar = grammar(primitive, parent);
        return (grammar == null || grammar.matches(text))
                && (!(primitive instanceof BaseDateTimeType) || isCalendarDay(text));
    }

    private static Grammar grammar(PrimitiveType<?> primitive, IBase parent) {
        if (primitive instanceof DateType) {
            return DATE;
        } else if (primitive instanceof InstantType) {
            return INSTANT;
        } else if (primitive instanceof DateTimeType) {
            return DATE_TIME;
        } else if (primitive instanceof TimeType) {
            return TIME;
        } else if (primitive instanceof DecimalType) {
            return DECIMAL;
        } else if (primitive instanceof IntegerType) {
            return INTEGER;
        } else if (primitive instanceof CodeType || primitive instanceof Enumeration<?>) {
            return CODE;
        } else if (primitive instanceof UriType || primitive instanceof StringType && parent instanceof Reference) {
            return NO_SPACE;
        }
        return null;
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

    private static IBase parent(List<IBase> containing) {
        return containing.size() >= 2 ? containing.get(containing.size() - 2) : null;
    }

    private static String pathOf(Resource resource, List<BaseRuntimeChildDefinition> path) {
        List<String> names = new ArrayList<>();
        names.add(resource.fhirType());
        path.forEach(child -> names.add(child.getElementName()
                + (child instanceof RuntimeChildChoiceDefinition ? "[x]" : "")));
        return String.join(".", names);
    }

    /** "Observation.effective[x]" and HAPI's "effectiveDateTime" name the same element. */
    private static boolean sameLeaf(String path, String name) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        return leaf.endsWith("[x]") ? name.startsWith(leaf.substring(0, leaf.length() - 3)) : leaf.equals(name);
    }
}
