package org.allcds.facts;

import static org.allcds.facts.DataQualityCodes.BIRTH_DATE_ERRORS;
import static org.allcds.facts.DataQualityCodes.CENSORED_VALUE;
import static org.allcds.facts.DataQualityCodes.CODE_NOT_RECOGNISED;
import static org.allcds.facts.DataQualityCodes.CONFLICTING_RESULTS;
import static org.allcds.facts.DataQualityCodes.DATED_AFTER_EVALUATION_TIME;
import static org.allcds.facts.DataQualityCodes.DATED_BEFORE_DIAGNOSIS;
import static org.allcds.facts.DataQualityCodes.DATED_BEFORE_RELAPSE;
import static org.allcds.facts.DataQualityCodes.DIAGNOSIS_DATE_CONTRADICTED;
import static org.allcds.facts.DataQualityCodes.DRAFT_ORDER_WITHOUT_ID;
import static org.allcds.facts.DataQualityCodes.DUPLICATE_RESOURCE;
import static org.allcds.facts.DataQualityCodes.EVALUATION_BEFORE_BIRTH;
import static org.allcds.facts.DataQualityCodes.FOREIGN_SUBJECT_EXCLUDED;
import static org.allcds.facts.DataQualityCodes.IMPRECISE_DATE;
import static org.allcds.facts.DataQualityCodes.INVALID_VALUE;
import static org.allcds.facts.DataQualityCodes.MAY_FOLLOW_RELAPSE;
import static org.allcds.facts.DataQualityCodes.MISSING_DATE;
import static org.allcds.facts.DataQualityCodes.PRELIMINARY_RESULT;
import static org.allcds.facts.DataQualityCodes.RELAPSE_BEFORE_DIAGNOSIS;
import static org.allcds.facts.DataQualityCodes.SPECIMEN_CONTRADICTS_TIMEPOINT;
import static org.allcds.facts.DataQualityCodes.UNIT_NOT_CONVERTIBLE;
import static org.allcds.facts.DataQualityCodes.VALUE_NOT_A_QUANTITY;
import static org.allcds.facts.DataQualityCodes.VALUE_OUT_OF_RANGE;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data-quality issue as a card line says it: the record in words and what was wrong with it ("WBC (2024-05-06),
 * value not valid FHIR"), never an element path; the extension keeps the path ({@link DataQualityIssue#detail()}).
 * The elements of one defect (a value and the number in it, a coding and its code) read the same, so that the card
 * lists one line per record and defect.
 */
final class DataQualityWords {

    private static final Set<String> DATE_ELEMENTS = Set.of("effective", "performed", "onset", "onsetDateTime",
            "recordedDate", "issued", "abatement", "authoredOn", "occurrence");
    private static final List<String> UNIT_ELEMENTS = List.of(".code", ".unit", ".system");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]+");
    private static final Pattern LEADING_COUNT = Pattern.compile("^(\\d+) ");
    /** Copies of a draft order, or of the Medication a draft order names. */
    private static final Pattern ORDER_COPIES = Pattern.compile("^context\\.draftOrders: (\\d+) (orders|Medications) with this ");
    private static final Pattern ORDER_CODINGS = Pattern.compile("^[A-Za-z]+\\.[A-Za-z]+\\.coding at context\\.draftOrders");
    /** An order's medicationReference to a Medication neither contained nor in draftOrders. */
    private static final String UNRESOLVED_PRODUCT = "MedicationRequest.medicationReference at ";
    /** A result whose interpretation contradicts its value (found, interpreted negative; absent, interpreted positive). */
    private static final String INTERPRETATION = "Observation.interpretation";
    /** A front-line therapy's end: before the diagnosis, or past at the relapse while the therapy is in progress. */
    private static final String THERAPY_END = "Procedure.performedPeriod.end";
    /** A diagnosis onset given as an age ("Condition.onsetAge") or a range of ages ("Condition.onsetRange"). */
    private static final Set<String> ONSET_AGES = Set.of("Condition.onsetAge", "Condition.onsetRange");
    private static final Pattern ORDER_ENTRY = Pattern.compile("context\\.draftOrders(?:\\.entry\\[(\\d+)]| order (\\d+))");
    private static final Pattern WORD_BREAK = Pattern.compile("([a-z])([A-Z])");
    /** A Condition's verificationStatus: unreadable, it leaves the record out (D5), unlike its clinical status. */
    static final String VERIFICATION_STATUS = "verification status";
    private static final Pattern TYPED_VALUE = Pattern.compile("\\.value[A-Z][A-Za-z]*$");

    private DataQualityWords() {
    }

    static String line(DataQualityIssue issue) {
        String record = record(issue);
        if (record != null && INVALID_VALUE.equals(issue.code())) {
            return invalidValue(withArticle(record, issue), aspect(detailOf(issue), "value"));
        }
        if (record != null && issue.isSiteOpen()) {
            // the relapse counts; its site waits for the result named
            String result = issue.detail().substring(DataQualityIssue.SITE_OPEN_BESIDE.length());
            return "the site of " + withArticle(record, issue) + ", open: " + result + " " + issue.siteOpenState();
        }
        if (record != null && issue.isSiteContradicted()) {
            // the relapse counts by its date and number; only its site is not used
            return "the site of " + withArticle(record, issue) + ", contradicted by "
                    + issue.detail().substring(DataQualityIssue.SITE_CONTRADICTED_BY.length());
        }
        if (record != null && issue.isSiteRecordsConflict()) {
            // as a contradicted site: the relapse counts by its date and number; a card counts the records
            return "the site of " + withArticle(record, issue) + ", " + InputWords.RECORDS_CONFLICT;
        }
        if (record != null && CODE_NOT_RECOGNISED.equals(issue.code())) {
            // the code is what was not used; the record still counts for what else it holds
            if (aspect(detailOf(issue), "").equals("relapse number")) {
                return "the relapse number of " + withArticle(record, issue) + ", not a whole number above 0";
            }
            if (issue.detail().equals(INTERPRETATION)) {
                return "the result of " + withArticle(record, issue) + ", contradicted by its interpretation";
            }
            if (issue.detail().startsWith(UNRESOLVED_PRODUCT)) {
                return "the product of " + withArticle(record, issue) + ", a Medication not sent with the order";
            }
            if (codingsDisagree(issue.detail())) {
                // a diagnosis's codes that disagree leave only its lineage unread: the diagnosis itself counts
                String what = issue.detail().startsWith("Condition.code") ? "lineage"
                        : ORDER_CODINGS.matcher(issue.detail()).find() ? "product"
                        : aspect(detailOf(issue), "coded value");
                return "the " + what + " of " + withArticle(record, issue) + ", codes that disagree";
            }
            return notCoded(issue.detail()) ? "the " + aspect(detailOf(issue), "value") + " of "
                    + withArticle(record, issue) + ", not a code"
                    : "the " + aspect(detailOf(issue), "coded value") + " code of "
                    + withArticle(record, issue) + ", not recognised";
        }
        if (record != null && DIAGNOSIS_DATE_CONTRADICTED.equals(issue.code())) {
            // "the date of ALL diagnosis (2019-08-20), contradicted by Relapse (2019-08-20), fewer than 28 days after it"
            return "the date of " + record + ", " + afterPath(detailOf(issue));
        }
        if (record != null && isOnsetAge(issue)) {
            // the onset is what was not used: the diagnosis may still count, dated by its recorded date
            return "the onset of " + record + ", given only as an age";
        }
        if (BIRTH_DATE_ERRORS.contains(issue.code())) {
            return birthDate(issue, record);
        }
        if (DUPLICATE_RESOURCE.equals(issue.code())) {
            String detail = detailOf(issue);
            Matcher copies = LEADING_COUNT.matcher(detail);
            if (copies.find()) {
                String copied = record == null ? "a record" : withArticle(record, issue);
                return extraCopies(copied, Integer.parseInt(copies.group(1)), detail);
            }
            Matcher orders = ORDER_COPIES.matcher(detail);
            if (orders.find()) {
                String copied = orders.group(2).equals("orders") ? draftOrder(issue.reference())
                        : "the product " + issue.reference() + " of a draft order";
                return extraCopies(copied, Integer.parseInt(orders.group(1)), detail);
            }
        }
        String defect = defect(issue.code(), issue.detail());
        if (record != null && issue.isAboutRelapseMarrow()) {
            return "the marrow blasts of " + withArticle(record, issue) + ", " + defect;
        }
        return record == null ? defect : record + ", " + defect;
    }

    /**
     * What the issue's line says of its record without naming it ("value code not recognised", "conflicting values"),
     * so that one line can give every problem of a record: "Genetics (2019-08-22): value code not recognised;
     * conflicting values". A line that does not name its record is the problem as it stands.
     */
    static String problem(DataQualityIssue issue) {
        String line = line(issue);
        String record = record(issue);
        if (record == null) {
            return line;
        }
        String named = line.contains(withArticle(record, issue)) ? withArticle(record, issue) : record;
        int at = line.indexOf(named);
        if (at < 0) {
            return line;
        }
        // "the value code of Genetics (…), not recognised": "value code" and "not recognised"
        String before = line.substring(0, at).replaceFirst("^the ", "").replaceFirst(" of $", "");
        String after = line.substring(at + named.length()).replaceFirst("^, ", "");
        return before.isEmpty() || after.isEmpty() ? before + after : before + " " + after;
    }

    /**
     * An unreadable status leaves its record out (D5): "WBC (2024-05-06), status not valid FHIR", "ALL diagnosis
     * (2024-05-06), verification status not valid FHIR". Any other element is
     * what was not used, and the record may still count (a diagnosis whose clinical status cannot be read): "the
     * clinical status of ALL diagnosis (2024-05-06), not valid FHIR".
     */
    private static String invalidValue(String record, String aspect) {
        if (aspect.equals("status") || aspect.equals(VERIFICATION_STATUS)) {
            return record + ", " + aspect + " not valid FHIR";
        }
        String what = aspect.equals("component") ? componentOf(record) : aspect;
        return "the " + what + " of " + record + ", not valid FHIR";
    }

    /**
     * What a record's components hold, as the mapping reads them: a relapse's site, number and marrow blasts, an MRD's
     * or a blast count's timepoint, an immunophenotype's CD19 result. The element path does not say which component it
     * was.
     */
    private static String componentOf(String record) {
        if (record.startsWith("Relapse")) {
            return "site, relapse number or marrow blasts";
        }
        if (record.contains("MRD") || record.contains("blasts")) {
            return "timepoint";
        }
        return record.startsWith(Lineage.RECORD_NAME) ? "CD19 result" : "details";
    }

    private static boolean isOnsetAge(DataQualityIssue issue) {
        return IMPRECISE_DATE.equals(issue.code()) && ONSET_AGES.contains(detailOf(issue));
    }

    /** A draft order as its order card names it: "draft order MedicationRequest/cart-1". */
    private static String draftOrder(String reference) {
        return reference != null && reference.indexOf('/') > 0 && !reference.contains(":") ? "draft order " + reference
                : "a draft order";
    }

    /**
     * A birth date after the diagnosis or the evaluation time is what is not used (no age is computed), not the
     * diagnosis, which still dates the relapse interval: "the birth date, later than the ALL diagnosis (2015-02-10)".
     */
    private static String birthDate(DataQualityIssue issue, String record) {
        if (issue.code().equals(EVALUATION_BEFORE_BIRTH)) {
            return "the birth date, after the evaluation time";
        }
        return "the birth date, later than " + (issue.recordName() == null ? "the diagnosis" : "the " + record);
    }

    /**
     * The record itself was used; only its further copies were not: "1 extra copy of WBC (2024-05-06)", never "WBC
     * (2024-05-06), sent 2 times" after "Not used", which a clinician reads as the WBC left out.
     */
    private static String extraCopies(String record, int copies, String detail) {
        int extra = copies - 1;
        return extra + (extra == 1 ? " extra copy of " : " extra copies of ") + record
                + (detail.contains("differ") ? " (the copies differ: the last updated was used)" : "");
    }

    /** The issue's element (or count) as text; "" without one. */
    private static String detailOf(DataQualityIssue issue) {
        return issue.detail() == null ? "" : issue.detail();
    }

    /**
     * A record named only by its resource type reads "an Observation (2024-05-06)", "a Condition", "the Patient"; a
     * concept keeps its name ("the date of Genetics", not "of a Genetics").
     */
    private static String withArticle(String record, DataQualityIssue issue) {
        String type = type(issue.reference(), detailOf(issue));
        if (type == null || !(record.equals(type) || record.startsWith(type + " ("))) {
            return record;
        }
        return (record.equals("Patient") ? "the " : "AEIOU".indexOf(record.charAt(0)) >= 0 ? "an " : "a ") + record;
    }

    /**
     * The named record, else its resource type (a draft order by its reference, without one by its place); null for a
     * count of records.
     */
    private static String record(DataQualityIssue issue) {
        if (issue.recordName() != null) {
            return issue.recordName();
        }
        String detail = detailOf(issue);
        String type = type(issue.reference(), detail);
        Matcher order = ORDER_ENTRY.matcher(detail);
        String reference = issue.reference();
        if (order.find() && type != null && reference != null && reference.startsWith(type + "/")) {
            return draftOrder(reference); // as its order card names it
        }
        if (order.find(0)) {
            String number = order.group(1) != null ? String.valueOf(Integer.parseInt(order.group(1)) + 1) : order.group(2);
            return "Draft order " + number + (type == null ? "" : " (" + type + ")");
        }
        return type;
    }

    private static String type(String reference, String detail) {
        String candidate = reference != null && reference.indexOf('/') > 0 && !reference.contains(":")
                ? reference.substring(0, reference.indexOf('/'))
                : detail.indexOf('.') > 0 ? detail.substring(0, detail.indexOf('.')) : "";
        return TYPE.matcher(candidate).matches() ? candidate : null;
    }

    private static String defect(String code, String detail) {
        String text = detail == null ? "" : detail;
        return switch (code) {
            case INVALID_VALUE -> aspect(text, "a value") + " not valid FHIR";
            case UNIT_NOT_CONVERTIBLE -> "unit cannot be converted";
            case CENSORED_VALUE -> "reported only as a bound, not as a value";
            case IMPRECISE_DATE -> ONSET_AGES.contains(text) ? "onset given only as an age" : "date without a day";
            case MISSING_DATE -> "no date";
            case PRELIMINARY_RESULT -> "not yet final (" + text.substring(text.lastIndexOf(' ') + 1) + ")";
            case CONFLICTING_RESULTS -> text.equals(THERAPY_END) ? "in progress, but its end is before the relapse"
                    : text.equals(DataQualityIssue.RELAPSE_DATE) ? "under " + UnclassifiedRelapse.ONE_RELAPSE_MAX_DAYS
                            + " days from another relapse record: one relapse or two?"
                    : text.startsWith(DataQualityIssue.SITE_CONTRADICTED_BY)
                    ? "site contradicted by " + text.substring(DataQualityIssue.SITE_CONTRADICTED_BY.length())
                    : "conflicting " + plural(aspect(text, "result"));
            case VALUE_OUT_OF_RANGE -> "value outside the plausible range";
            case VALUE_NOT_A_QUANTITY -> text.endsWith(".valueString") ? "sent as text, not as a number"
                    : "value not a number";
            case CODE_NOT_RECOGNISED -> text.equals(INTERPRETATION) ? "result its interpretation contradicts"
                    : aspect(text, "").equals("relapse number") ? "relapse number not a whole number above 0"
                    : codingsDisagree(detail) ? aspect(text, "coded value") + " codes that disagree"
                    : notCoded(detail) ? "value not a code" : aspect(text, "coded value") + " code not recognised";
            case RELAPSE_BEFORE_DIAGNOSIS -> "dated before the ALL diagnosis";
            case DATED_BEFORE_RELAPSE -> "dated on or before the relapse it should follow";
            case DATED_BEFORE_DIAGNOSIS -> (text.equals(THERAPY_END) ? "end " : "") + "dated before the ALL diagnosis";
            case MAY_FOLLOW_RELAPSE -> "may follow a relapse dated only to its year or month";
            case DATED_AFTER_EVALUATION_TIME -> "dated after the evaluation time";
            case SPECIMEN_CONTRADICTS_TIMEPOINT -> specimen(afterPath(text));
            case DIAGNOSIS_DATE_CONTRADICTED -> "diagnosis date " + afterPath(text);
            case DUPLICATE_RESOURCE -> afterPath(text);
            case DRAFT_ORDER_WITHOUT_ID -> "no usable id";
            case FOREIGN_SUBJECT_EXCLUDED -> afterPath(text).replace(", ignored", "")
                    .replace("1 order(s)", "1 draft order").replace("order(s)", "draft orders");
            default -> code.replace('-', ' ');
        };
    }

    /**
     * True for the element of a result's value: "Observation.value[x]" (a code), or the element of the type sent where
     * a code is expected ("Observation.valueString"), or the interpretation that contradicts it; false for a
     * component's.
     */
    static boolean isValue(String detail) {
        return detail != null && (detail.startsWith("Observation.value") || detail.equals(INTERPRETATION));
    }

    /** Codings of one value that give different values ("Observation.component:relapse-site.coding"). */
    static boolean codingsDisagree(String detail) {
        return detail != null && (detail.endsWith(".coding") || ORDER_CODINGS.matcher(detail).find());
    }

    /**
     * A value sent as another type where a code is expected: "Observation.valueString", a component's
     * "Observation.component:relapse-site.valueString".
     */
    private static boolean notCoded(String detail) {
        return detail != null && TYPED_VALUE.matcher(detail).find() && !detail.endsWith("valueCodeableConcept");
    }

    /** "Observation.valueQuantity.comparator" says "comparator"; "Observation.value[x].value" says "value". */
    /** "sites", "statuses": an aspect in the plural. */
    private static String plural(String aspect) {
        return aspect.endsWith("s") ? aspect + "es" : aspect + "s";
    }

    static String aspect(String detail, String otherwise) {
        String path = detail.split(" ", 2)[0];
        int dot = path.indexOf('.');
        if (dot < 0) {
            return otherwise;
        }
        String element = path.substring(dot + 1);
        String first = element.split("[.:\\[]", 2)[0];
        if (element.contains("comparator")) {
            return "comparator";
        }
        if (first.startsWith("value")) {
            // a coded value's code is the value ("etv6-runx1"); only a quantity's code is its unit
            boolean unit = !element.contains("coding") && UNIT_ELEMENTS.stream().anyMatch(element::endsWith);
            return unit ? "unit" : "value";
        }
        if (element.contains("relapse-site")) {
            return "site";
        }
        if (element.contains("relapse-number")) {
            return "relapse number";
        }
        if (element.contains("timepoint")) {
            return "timepoint";
        }
        if (element.contains("cd19")) {
            return "CD19 result";
        }
        if (first.equals("birthDate")) {
            return "birth date";
        }
        if (DATE_ELEMENTS.contains(first) || element.contains("assertedDate")) {
            // a period's end is not the date the record is named by (a therapy by its start)
            return element.endsWith(".end") ? "end date" : element.endsWith(".start") ? "start date" : "date";
        }
        if (first.equals("clinicalStatus")) {
            return "clinical status"; // informative only (contract I2): the record still counts
        }
        if (first.equals("verificationStatus")) {
            return VERIFICATION_STATUS; // a Condition's status that D5 reads: the record is left out
        }
        if (first.equals("status") || first.endsWith("Status")) {
            return "status";
        }
        if (first.equals("subject")) {
            return "patient reference";
        }
        return first.isEmpty() ? otherwise : WORD_BREAK.matcher(first).replaceAll("$1 $2").toLowerCase(Locale.ROOT);
    }

    /** "context.draftOrders: 2 orders with this id, one counted" without its path. */
    /**
     * What an MRD or blasts result's timepoint is read from, beside the record named by what it was measured in
     * ("End-of-induction MRD in blood (2024-06-03), not bone marrow"); codes of both say that they disagree.
     */
    private static String specimen(String coded) {
        return switch (coded) {
            case "blood" -> "not bone marrow";
            case "bone marrow" -> "not peripheral blood";
            default -> "specimen codes disagree";
        };
    }

    private static String afterPath(String detail) {
        int colon = detail.indexOf(": ");
        return colon < 0 ? detail : detail.substring(colon + 2);
    }
}
