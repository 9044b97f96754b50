package org.allcds.cards;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.Finding;
import org.allcds.facts.InputWords;

/** How finding types, schemes, values and input names read on a card (plain words, no codes or underscores). */
final class ClinicalText {

    /** Candidates that are every outcome of a decision (an HSCT indication, a label check): not worth listing. */
    private static final Set<Set<String>> EVERY_OUTCOME = Set.of(Set.of("INDICATED", "NOT_INDICATED"), Set.of("MET", "NOT_MET"));

    private static final Map<String, String> TYPES = Map.of("relapse-timing", "Timing", "relapse-stratum", "Stratum",
            "hsct-indication", "HSCT", "risk-group", "Risk group", "nci-risk", "NCI/Rome risk",
            "cart-eligibility", "CAR-T label", "blinatumomab-mrd-indication", "Blinatumomab label", "refractory", "Refractory",
            "infant", "Infant", "down-syndrome", "Down syndrome");
    private static final Map<String, String> SCHEMES = Map.of("COG_AALL1331", "COG AALL1331", "BFM_ALLREZ2002",
            "BFM ALL-REZ 2002", "COG_AALL08B1", "COG AALL08B1", "NCI", "NCI/Rome");
    private static final Map<String, String> INPUTS = Map.ofEntries(Map.entry("ageAtDiagnosis", "Age at diagnosis"),
            Map.entry("ageAtEvaluation", "Age now"), Map.entry("birthDate", "Birth date"),
            Map.entry("cnsStatus", "CNS status"), Map.entry("day8Mrd", "Day-8 MRD"),
            Map.entry("diagnosisDate", "Diagnosis"), Map.entry("endOfInductionMrd", "End-of-induction MRD"),
            Map.entry("relapseEndBlock1Mrd", "End-of-block-1 MRD"), Map.entry("geneticSubtype", GeneticFinding.RECORD_NAME),
            Map.entry("wbcAtDiagnosis", "WBC at diagnosis"), Map.entry("endOfFrontlineTherapy", "Front-line therapy"),
            Map.entry("relapseDate", "Relapse"), Map.entry("relapseInterval", "Interval"),
            Map.entry("allogeneicHsct", "Allogeneic HSCT"), Map.entry("dataQuality", "Not used"),
            Map.entry("testicularInvolvement", "Testicular involvement"),
            Map.entry("marrowBlastsDay8", "Day-8 marrow blasts"),
            Map.entry("marrowBlastsEndOfInduction", "End-of-induction marrow blasts"),
            Map.entry("marrowBlastsRelapseEndBlock1", "End-of-block-1 marrow blasts"),
            Map.entry("cnsStatusAtRelapse", "CNS status at relapse"), Map.entry("marrowBlastsAtRelapse", "Marrow blasts at relapse"),
            Map.entry("testicularInvolvementAtRelapse", "Testicular involvement at relapse"));
    private static final int MAX_SOURCE = 26;
    /** Where a source too long for the line is best cut: before a joining word, so that a whole item is kept. */
    private static final Pattern JOINER = Pattern.compile(" (?:and|or|for|with) ");
    /** Words a cut source must not end on: "conventions C-06 and" reads as a citation cut short. */
    private static final Pattern TRAILING_JOINERS = Pattern.compile("(?: (?:and|or|for|of|the|with|to|in|on|at))+$");
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Z]\\d");
    private static final Pattern WORD_BREAK = Pattern.compile("([a-z])([A-Z0-9])");
    private static final Pattern DATE_ELEMENT = Pattern.compile(" \\((assertedDate|onsetDateTime|recordedDate)\\)");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CITATION_END = Pattern.compile("[:;(,]");
    /** The service's own sources ("ALL-CDS convention C-08"): the card's source label names the service already. */
    private static final String OWN_SOURCE = "ALL-CDS ";
    private static final String DATA_CONTRACT = OWN_SOURCE + "data contract";
    /**
     * Short forms of the rules' sources, which are few and the same on every call; bounded so that sources of rule sets
     * reloaded many times cannot grow it without end.
     */
    private static final Map<String, String> SHORT_SOURCES = new ConcurrentHashMap<>();
    private static final int MAX_SHORT_SOURCES = 1_000;

    private ClinicalText() {
    }

    static String type(String type) {
        String known = TYPES.get(type);
        return known != null ? known : capitalise(type.replace('-', ' '));
    }

    static String scheme(String scheme) {
        String known = SCHEMES.get(scheme);
        return known != null ? known : scheme.replace('_', ' ');
    }

    /** {@code COG_AALL1331} and {@code COG} are one family: the columns of a side-by-side table. */
    static String family(String scheme) {
        int cut = scheme.indexOf('_');
        return cut < 0 ? scheme : scheme.substring(0, cut);
    }

    /** {@code NOT_INDICATED} reads "not indicated"; an undecided value names what it could be. */
    static String value(Finding f) {
        String text = value(f.value());
        // "pending (indicated or not indicated)" says no more than "pending": the candidates are every outcome there is;
        // those of a result withheld (INCONSISTENT) are the values the rules contradicted each other on, and stay
        boolean undecided = f.value().equals("PENDING") || f.value().equals("INDETERMINATE");
        if (!f.candidates().isEmpty() && !(undecided && EVERY_OUTCOME.contains(Set.copyOf(f.candidates())))) {
            text += " (" + f.candidates().stream().map(ClinicalText::value).collect(Collectors.joining(" or ")) + ")";
        }
        return text;
    }

    private static String value(String value) {
        return CODE_LIKE.matcher(value).matches() ? value : value.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * A needed input in words, as the facts behind the finding that names it show it (see InputWords#needed), without
     * why its record cannot be used where the card's summary says that already of the input ("relapse site" under "…:
     * relapse site contradicted by its work-up", "end-of-block-1 marrow blasts" under "…; report the exact count", "CNS
     * status" under "…: add the full date to the CNS status record"): a card gives each reason once.
     */
    static String missing(String inputName, java.util.Collection<?> facts, String summary) {
        java.util.List<String> reasons = InputWords.reasonWords(inputName, facts);
        java.util.List<String> names = InputWords.namesInSummary(inputName);
        String fix = InputWords.askInSummary(inputName, facts);
        boolean said = !reasons.isEmpty() && (saysWhy(summary, names, reasons)
                || reasons.contains(InputWords.NOT_EXACT) && asksForTheExact(summary, names))
                || fix != null && summary.contains(fix);
        return said ? InputWords.of(inputName) : InputWords.needed(inputName, facts);
    }

    /**
     * True when the summary names the input, alone or among others of one reason ("CNS status, lineage code not
     * recognised"), and then gives one of the reasons: "genetic subtype records conflict", "site open (CNS status not
     * read)", or leads with it: "Relapse number records conflict", or names its record's date: "end-of-block-1 MRD
     * (2019-09-24) with a unit that cannot be converted". A summary cut short ("… (and 1 more: see the card)") does not
     * name the inputs it left out.
     */
    private static boolean saysWhy(String summary, java.util.List<String> names, java.util.List<String> reasons) {
        return Pattern.compile("\\b(?:" + anyOf(names) + ")(?: \\([^)]*\\))?(?:, [^,;:()]+)*(?: open)? \\(?(?:"
                + anyOf(reasons) + ")",
                Pattern.CASE_INSENSITIVE).matcher(summary).find();
    }

    /**
     * True when the summary asks for the exact value of the input, which the record has only as a bound: "report the
     * exact end-of-induction marrow blasts", or after naming it, "end-of-block-1 blasts &gt; 2 % …; report the exact
     * count".
     */
    private static boolean asksForTheExact(String summary, java.util.List<String> names) {
        String name = "\\b(?:" + anyOf(names) + ")\\b";
        return Pattern.compile("\\bthe exact " + name + "|" + name + "[^:]*\\bthe exact count\\b").matcher(summary).find();
    }

    private static String anyOf(java.util.List<String> words) {
        return words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    static String inputLabel(ClinicalInput input) {
        String name = input.inputName();
        // Not getOrDefault: its default, a regex over the name, would be built for every known name too.
        String known = INPUTS.get(name);
        return known != null ? known : capitalise(WORD_BREAK.matcher(name).replaceAll("$1 $2").toLowerCase(Locale.ROOT));
    }

    /** One "Because" line: the input, its value and, unless the value is that date, its date. */
    static String inputLine(ClinicalInput input) {
        return inputLine(input, inputLabel(input));
    }

    /** As {@link #inputLine(ClinicalInput)}, under another label. */
    static String inputLine(ClinicalInput input, String label) {
        return inputLine(input, label, input.cardValue());
    }

    /** As {@link #inputLine(ClinicalInput, String)}, with the value as the card says it. */
    static String inputLine(ClinicalInput input, String label, String shown) {
        // Only a value with a parenthesis can name a date element; the others skip the regex and its copies.
        String value = (shown.indexOf('(') < 0 ? shown : DATE_ELEMENT.matcher(shown).replaceAll(""))
                .replace(" completed months", " months");
        boolean dated = input.date() != null && !value.contains(input.date().toString());
        return label + ": " + value + (dated ? " (" + input.date() + ")" : "");
    }

    /**
     * "&gt;= 5 %" reads "≥ 5 %", as a clinician writes it: rules and the extension keep the ASCII form that FHIR's
     * {@code Quantity.comparator} has; {@code <} and {@code >} stay as they are.
     */
    static String comparators(String text) {
        if (text.indexOf('=') < 0) {
            return text; // most text has no comparator: no copies
        }
        return text.replace(">=", "≥").replace("<=", "≤");
    }

    /** True for a rule whose source is the service's own data contract (data-quality and record rules). */
    static boolean isDataContract(String source) {
        return source != null && source.startsWith(DATA_CONTRACT);
    }

    /** A citation short enough for one line: "NCI PDQ Childhood ALL", "Schultz KR et al.", "COG; CCG-1952". */
    static String shortSource(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        // A plain read first: computeIfAbsent locks the key's bin unless the key heads it, and every card asks
        // for the same few sources, so concurrent requests queued there.
        String known = SHORT_SOURCES.get(source);
        if (known != null) {
            return known;
        }
        if (SHORT_SOURCES.size() >= MAX_SHORT_SOURCES) {
            SHORT_SOURCES.clear();
        }
        return SHORT_SOURCES.computeIfAbsent(source, ClinicalText::shorten);
    }

    private static String shorten(String source) {
        String text = SPACES.matcher(QUOTED.matcher(source).replaceAll("")).replaceAll(" ").trim();
        if (text.startsWith(OWN_SOURCE)) {
            text = text.substring(OWN_SOURCE.length());
        }
        String first = CITATION_END.split(text, 2)[0].trim();
        if (first.length() < 5 && text.length() > first.length() + 1) {
            String rest = text.substring(first.length() + 1).trim();
            // a comma, not the source's own ';': the card's "Rules:" line separates its groups with ';'
            first = first + ", " + CITATION_END.split(rest, 2)[0].trim();
        }
        return first.length() <= MAX_SOURCE ? first : cut(first);
    }

    /**
     * A source longer than the line allows, cut before its last joining word that fits ("convention C-08 and edge case
     * E6" is "convention C-08"), else at its last space that fits, never ending on a joining word.
     */
    private static String cut(String source) {
        String head = source.substring(0, MAX_SOURCE + 1);
        int end = -1;
        for (Matcher joiner = JOINER.matcher(head); joiner.find(); ) {
            end = joiner.start();
        }
        if (end <= 0) {
            end = head.lastIndexOf(' ');
        }
        return end <= 0 ? source.substring(0, MAX_SOURCE) : TRAILING_JOINERS.matcher(source.substring(0, end)).replaceAll("");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
