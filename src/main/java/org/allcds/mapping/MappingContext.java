package org.allcds.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.allcds.facts.DataQualityCodes;
import org.allcds.facts.DataQualityIssue;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * What every mapper needs for one mapping run: code matching through the translator, calendar dates in the site's zone,
 * the Specimens results refer to, and the issues found.
 */
final class MappingContext {

    private static final Comparator<DataQualityIssue> ISSUE_ORDER = Comparator
            .comparing(DataQualityIssue::code)
            .thenComparing(DataQualityIssue::detail)
            .thenComparing(DataQualityIssue::reference, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final ConceptTranslator translator;
    private final CalendarZone zone;
    private final List<DataQualityIssue> issues = new ArrayList<>();
    /** The issues found outside {@link #readingTheRelapse}: they bear on more than the relapse. */
    private final Set<DataQualityIssue> beyondTheRelapse = new HashSet<>();
    private boolean readingTheRelapse;
    /** effectiveDateTime, effectivePeriod and effective[x] are one element to a reader of the card. */
    private static final Pattern DATE_CHOICE = Pattern.compile("(effective|performed)(DateTime|Period|Instant|\\[x])");
    /** Each coding's translation, by identity: every mapper scans the same resources, so a coding is asked for often. */
    private final Map<Coding, List<Code>> translations = new IdentityHashMap<>();
    /** Concepts whose codings gave different values, by identity. */
    private final Map<CodeableConcept, Boolean> disagreeing = new IdentityHashMap<>();

    private final Specimens specimens;

    /** A mapping of results alone, dates as written: only contained Specimens are found. */
    MappingContext(ConceptTranslator translator) {
        this(translator, Specimens.CONTAINED_ONLY, CalendarZone.AS_WRITTEN);
    }

    MappingContext(ConceptTranslator translator, Specimens specimens) {
        this(translator, specimens, CalendarZone.AS_WRITTEN);
    }

    MappingContext(ConceptTranslator translator, Specimens specimens, CalendarZone zone) {
        this.translator = translator;
        this.specimens = specimens;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** What the record's results were measured in (I8, I9). */
    Specimens specimens() {
        return specimens;
    }

    /** True when a coding of the concept, after translation, is one of the targets. */
    boolean matches(CodeableConcept concept, Collection<Code> targets) {
        if (concept == null) {
            return false;
        }
        // loops rather than streams: every mapper asks this of every resource, on each call
        for (Coding coding : concept.getCoding()) {
            for (Code code : translated(coding)) {
                if (targets.contains(code)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean matches(CodeableConcept concept, Code target) {
        return matches(concept, List.of(target));
    }

    /** True when two concepts share a code after translation: one test reported twice, however each was coded. */
    boolean sameConcept(CodeableConcept a, CodeableConcept b) {
        if (a == null || b == null) {
            return false;
        }
        for (Coding coding : b.getCoding()) {
            if (matches(a, translated(coding))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value the concept's codings give in the table. Codings that give different values (a multi-select form's
     * "isolated marrow" and "isolated CNS", a "B-lineage" and a "T-lineage" coding of a mixed phenotype) give none: which
     * one counts must not follow from their order (C-08), and the concept is remembered ({@link #codingsDisagree}) so
     * that the record is named for it.
     */
    <T> Optional<T> lookup(CodeableConcept concept, Map<Code, T> table) {
        if (concept == null) {
            return Optional.empty();
        }
        T found = null;
        for (Coding coding : concept.getCoding()) {
            for (Code code : translated(coding)) {
                T value = table.get(code);
                if (value != null && found != null && !found.equals(value)) {
                    disagreeing.put(concept, Boolean.TRUE);
                    return Optional.empty();
                }
                found = value != null ? value : found;
            }
        }
        return Optional.ofNullable(found);
    }

    /** True when a {@link #lookup} of the concept found codings that give different values. */
    boolean codingsDisagree(CodeableConcept concept) {
        return concept != null && disagreeing.containsKey(concept);
    }

    private List<Code> translated(Coding coding) {
        // the known answer first: asking HAPI whether the coding has a system and a code walks their extensions
        List<Code> known = translations.get(coding);
        if (known == null) {
            known = coding.hasSystem() && coding.hasCode() ? translator.translate(coding.getSystem(), coding.getCode())
                    : List.of();
            translations.put(coding, known);
        }
        return known;
    }

    /** A calendar date; an imprecise (year or year-month) value counts as absent and is reported. */
    Optional<LocalDate> date(BaseDateTimeType value, String element, String reference) {
        if (ClinicalDates.isImprecise(value)) {
            issue("imprecise-date", element, reference);
            return Optional.empty();
        }
        return calendarDate(value);
    }

    /** A calendar date in the site's zone (E9), without reporting: empty when absent or imprecise. */
    Optional<LocalDate> calendarDate(BaseDateTimeType value) {
        return ClinicalDates.calendarDate(value, zone);
    }

    /**
     * The value when it lies within the plausible range of its concept; otherwise the input is reported
     * ({@code value-out-of-range}) and counts as absent. Compares only: an extreme value is never expanded.
     */
    Optional<BigDecimal> plausible(BigDecimal value, PlausibleRange range, String element, String reference) {
        if (range.contains(value)) {
            return Optional.of(value);
        }
        issue("value-out-of-range", element, reference);
        return Optional.empty();
    }

    void issue(String code, String element, String reference) {
        issue(code, element, reference, null);
    }

    /** As {@link #issue(String, String, String)}, about another record too ({@link DataQualityIssue#about()}). */
    void issue(String code, String element, String reference, String about) {
        DataQualityIssue issue = new DataQualityIssue(code, element, reference, null, false, about);
        if (!readingTheRelapse) {
            beyondTheRelapse.add(issue);
        }
        if (!issues.contains(issue) && !(code.equals("missing-date") && namedInvalid(element, reference))) {
            issues.add(issue);
        }
    }

    /**
     * Marks the conflicting-results issues of {@code references} as read together ({@link DataQualityIssue#readTogether}):
     * the mapping made one fact of the results that conflict, so a card whose decision rests on it says they were used.
     */
    void readTogether(Collection<String> references) {
        issues.replaceAll(i -> conflictOf(i, references) ? i.asReadTogether() : i);
        Set<DataQualityIssue> marked = new HashSet<>();
        beyondTheRelapse.removeIf(i -> conflictOf(i, references) && marked.add(i.asReadTogether()));
        beyondTheRelapse.addAll(marked);
    }

    private static boolean conflictOf(DataQualityIssue issue, Collection<String> references) {
        return issue.code().equals(DataQualityCodes.CONFLICTING_RESULTS) && references.contains(issue.reference());
    }

    /**
     * What {@code reading} gives, the issues it finds marked as bearing on the relapse alone (unless found elsewhere
     * too): what is read only to classify the relapse (its site and work-up, its number, its records days apart, its
     * block's response, the therapy's status at it) is no input of the risk at diagnosis.
     */
    <T> T readingTheRelapse(Supplier<T> reading) {
        boolean outer = readingTheRelapse;
        readingTheRelapse = true;
        try {
            return reading.get();
        } finally {
            readingTheRelapse = outer;
        }
    }

    /** An issue found only in reading the relapse ({@link #readingTheRelapse}). */
    void issueOfTheRelapse(String code, String element, String reference) {
        readingTheRelapse(() -> {
            issue(code, element, reference);
            return null;
        });
    }

    /**
     * A date that is not valid FHIR is cleared before mapping and already named ("the date of Relapse, not valid
     * FHIR"): the record must not say "no date" as well, one defect in two lines that contradict each other.
     */
    private boolean namedInvalid(String element, String reference) {
        String date = DATE_CHOICE.matcher(element).replaceFirst("$1[x]");
        // a period stands for its start
        List<String> read = List.of(date, date + ".start");
        return issues.stream().anyMatch(i -> i.code().equals(DataQualityCodes.INVALID_VALUE)
                && Objects.equals(i.reference(), reference)
                && read.contains(DATE_CHOICE.matcher(i.detail()).replaceFirst("$1[x]")));
    }

    /** The issues found so far, in a fixed order that does not depend on the order of the resources. */
    List<DataQualityIssue> issues() {
        return issues.stream().sorted(ISSUE_ORDER)
                .map(i -> beyondTheRelapse.contains(i) ? i : i.asRelapseOnly()).toList();
    }

    /** The relative reference {@code Type/id} of a resource, or null when it has no id. */
    static String reference(Resource resource) {
        IdType id = resource.getIdElement();
        if (id == null || !id.hasIdPart()) {
            return null;
        }
        // a resource built in code may carry only the bare id
        return id.hasResourceType() ? id.toUnqualifiedVersionless().getValue() : resource.fhirType() + "/" + id.getIdPart();
    }
}
