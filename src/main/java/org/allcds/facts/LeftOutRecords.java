package org.allcds.facts;

import static org.allcds.facts.DataQualityCodes.DATED_AFTER_EVALUATION_TIME;
import static org.allcds.facts.DataQualityCodes.FOREIGN_SUBJECT_EXCLUDED;
import static org.allcds.facts.DataQualityCodes.INVALID_VALUE;
import static org.allcds.facts.DataQualityCodes.PRELIMINARY_RESULT;
import static org.allcds.facts.DataQualityCodes.UNIT_NOT_CONVERTIBLE;
import static org.allcds.facts.DataQualityCodes.VALUE_NOT_A_QUANTITY;
import static org.allcds.facts.DataQualityCodes.VALUE_OUT_OF_RANGE;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records of the patient that reached the service but were not used because they could not be: unreadable (a value
 * that is not valid FHIR, {@code invalid-value}), a quantity whose unit cannot be converted or whose value is outside
 * the plausible range, not yet final (a preliminary result that may be the one an input is taken from), dated after
 * the evaluation time, or sent as another patient's (data contract §2a D2 and D4).
 * An order check that lacks an input may lack it because of such a record, so it must say that it could not be checked
 * rather than that the input is not recorded, and never conclude against the order for want of it. Which inputs a record
 * may hold is judged by its name where its code was read (a WBC holds the WBC), else by its resource type: its code may
 * be what was unreadable.
 */
public final class LeftOutRecords {

    /** The element of a result filed under the patient whose focus may be another person (not a count of records). */
    private static final String FOCUS = "Observation.focus";
    /** Where the data-quality issues of the draft orders themselves stand: they are no patient record. */
    private static final String DRAFT_ORDERS = "context.draftOrders";
    /** A Condition's record name when its code is an ALL diagnosis code ("ALL diagnosis (2024-05-06)"). */
    private static final String ALL_DIAGNOSIS = "ALL diagnosis";
    /** What to correct of a record where the card cannot say which part is at fault. */
    private static final String WHOLE_RECORD = "it in the EHR";

    private static final Map<String, String> WHY = Map.of(INVALID_VALUE, "unreadable",
            DATED_AFTER_EVALUATION_TIME, "dated after the evaluation time",
            FOREIGN_SUBJECT_EXCLUDED, "of another patient, or naming none, left out",
            UNIT_NOT_CONVERTIBLE, "with a unit that cannot be converted",
            VALUE_OUT_OF_RANGE, "with a value outside the plausible range",
            VALUE_NOT_A_QUANTITY, "with a value that is not a number",
            PRELIMINARY_RESULT, "not yet final");
    private static final Map<String, String> RECORD = Map.of("Condition", "diagnosis record", "Observation", "result",
            "Procedure", "therapy or transplant record", "Patient", "birth date");
    /** Inputs taken from a Patient, a Condition or a Procedure; every other input comes from an Observation. */
    private static final Set<String> FROM_PATIENT = Set.of("birth-date");
    private static final Set<String> FROM_CONDITION = Set.of(InputWords.DIAGNOSIS_DATE, "lineage");
    private static final Set<String> FROM_PROCEDURE = Set.of("end-of-frontline-therapy", UnclassifiedRelapse.HSCT_DATE);

    private LeftOutRecords() {
    }

    /**
     * True for a patient record that was not used because it could not be read, or was left out as §2a says; not for a
     * relapse whose site waits for a result of its work-up not yet final (the relapse itself is used).
     */
    public static boolean isLeftOut(DataQualityIssue issue) {
        return isLeftOutCode(issue.code()) && !aboutDraftOrders(issue) && !issue.isSiteOpen();
    }

    /** True for an issue of the draft orders themselves (where they stood in the call), not of a patient record. */
    public static boolean aboutDraftOrders(DataQualityIssue issue) {
        return issue.detail() != null && issue.detail().contains(DRAFT_ORDERS);
    }

    /** True for the data-quality codes of records not used: {@code invalid-value} and the §2a exclusions. */
    public static boolean isLeftOutCode(String code) {
        return WHY.containsKey(code);
    }

    /**
     * True when the record left out may have held the input ({@code lineage}, {@code relapse-end-block1-mrd}, …):
     * another patient's records may be anything; an input recorded only as a bound is recorded, not lacking.
     */
    public static boolean mayHold(DataQualityIssue issue, String inputName) {
        if (!isLeftOut(issue) || Input.isRecordedAsBound(inputName)) {
            return false;
        }
        String type = resourceType(issue);
        if (type == null) {
            return true;
        }
        Set<String> named = "Observation".equals(type) ? InputWords.heldByRecord(issue.recordName()) : null;
        if (named != null) {
            // its code was read: a WBC holds the WBC, not an MRD
            return named.contains(inputName);
        }
        return switch (type) {
            case "Patient" -> FROM_PATIENT.contains(inputName);
            case "Condition" -> FROM_CONDITION.contains(inputName);
            case "Procedure" -> FROM_PROCEDURE.contains(inputName);
            case "Observation" -> inputName.equals("lineage") || !FROM_PATIENT.contains(inputName)
                    && !FROM_CONDITION.contains(inputName) && !FROM_PROCEDURE.contains(inputName);
            default -> false;
        };
    }

    /**
     * As {@link #mayHold}, for the patient's own records as known at the evaluation time only: records counted as another
     * patient's (or naming none) are not this patient's relapse, and one dated after the evaluation time was not known
     * then (contract §2a D2, D4). Where a service speaks at all must not depend on them.
     */
    public static boolean mayHoldOwn(DataQualityIssue issue, String inputName) {
        // a record of the patient's whose focus may be another person is named by its element (and its reference, when
        // it has an id); the count of another patient's records is a count
        boolean anotherPatients = FOREIGN_SUBJECT_EXCLUDED.equals(issue.code()) && !issue.detail().startsWith(FOCUS);
        // a result named by its resource type only holds an input when its code is what could not be read; a code
        // that was read and is none of the inputs' (a haemoglobin) holds none
        boolean codeReadElsewhere = "Observation".equals(resourceType(issue)) && issue.recordName() != null
                && InputWords.heldByRecord(issue.recordName()) == null && !issue.detail().startsWith("Observation.code");
        return !anotherPatients && !codeReadElsewhere && !DATED_AFTER_EVALUATION_TIME.equals(issue.code())
                && mayHold(issue, inputName);
    }

    /**
     * True for an unreadable element of a record that still gave a fact, when that element is where an input comes
     * from: a diagnosis date ({@code Condition.extension}, {@code onset[x]}, {@code recordedDate}), a code, a result's
     * value, components or date, a therapy's period, a birth date. Elements that carry no input (a Condition's
     * informative {@code clinicalStatus}, narrative, metadata) are not: the record was read whole for what it holds.
     */
    public static boolean unreadableInputElement(DataQualityIssue issue) {
        if (!INVALID_VALUE.equals(issue.code()) || issue.detail() == null) {
            return false;
        }
        String detail = issue.detail();
        int dot = detail.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String element = element(issue);
        return switch (detail.substring(0, dot)) {
            case "Condition" -> Set.of("extension", "onset", "onsetDateTime", "recordedDate", "code").contains(element);
            case "Observation" -> Set.of("code", "value", "component", "effective", "effectiveDateTime").contains(element)
                    || element.startsWith("value") || element.startsWith("effective");
            case "Procedure" -> element.equals("code") || element.startsWith("performed");
            case "Patient" -> element.equals("birthDate");
            default -> false;
        };
    }

    /** The record's element the issue names, without its path below: "code" of "Condition.code.coding"; "" if none. */
    private static String element(DataQualityIssue issue) {
        String detail = issue.detail() == null ? "" : issue.detail();
        int dot = detail.indexOf('.');
        return dot < 0 ? "" : detail.substring(dot + 1).split("[.:\\[ ]", 2)[0];
    }

    /** Why the record was not used: "unreadable", "dated after the evaluation time", … */
    public static String reason(DataQualityIssue issue) {
        return WHY.getOrDefault(issue.code(), "not used");
    }

    /**
     * The record in clinical words, and why it was not used: "diagnosis record unreadable", no FHIR path. A result whose
     * code was read is named by it ("relapse unreadable", "end-of-block-1 MRD (2019-09-24) with a unit that cannot be
     * converted", "marrow blasts of relapse (2019-08-20) with a unit that cannot be converted"), as {@link #mayHold}
     * judges what it may hold by that name.
     */
    public static String words(DataQualityIssue issue) {
        String why = reason(issue);
        String type = resourceType(issue);
        if (type == null) {
            return "records " + why;
        }
        boolean named = "Observation".equals(type) && InputWords.heldByRecord(issue.recordName()) != null;
        String record = named ? asInSentence(issue.recordName()) : RECORD.getOrDefault(type, "record");
        // a relapse whose marrow blasts were not read still counts: what was not read is the count
        return (named && issue.isAboutRelapseMarrow() ? "marrow blasts of " + record : record) + " " + why;
    }

    /** "relapse", "WBC (2024-05-06)": a record's name inside a sentence (acronyms kept). */
    static String asInSentence(String recordName) {
        boolean acronym = recordName.length() > 1 && Character.isUpperCase(recordName.charAt(1));
        return acronym ? recordName : Character.toLowerCase(recordName.charAt(0)) + recordName.substring(1);
    }

    /**
     * What the clinician can do about it, for a text that has just named the record: the part at fault corrected where
     * no input is read from it ("correct its diagnosis code", "correct its patient reference", "correct the unit of its
     * marrow blasts"), else "correct it in the EHR", "check its date", "check the EHR feed" or "await its final result".
     */
    public static String remedy(DataQualityIssue issue) {
        return switch (issue.code()) {
            case DATED_AFTER_EVALUATION_TIME -> "check its date";
            case FOREIGN_SUBJECT_EXCLUDED -> "check the EHR feed";
            case PRELIMINARY_RESULT -> "await its final result";
            default -> "correct " + partAtFault(issue);
        };
    }

    /**
     * What to do about records left out because whose they are cannot be read (an unreadable patient reference or
     * focus), for a text that has just named them: the part at fault where every one has the same ("correct their
     * patient reference"), else "correct them in the EHR". Other unreadable elements are not why they were left out.
     */
    public static String remedyOfUnread(Collection<?> issues) {
        Set<String> remedies = issues.stream().map(DataQualityIssue.class::cast).filter(LeftOutRecords::ownerUnread)
                .map(LeftOutRecords::remedy).collect(Collectors.toSet());
        return ofSeveral(remedies.size() == 1 ? remedies.iterator().next() : "correct " + WHOLE_RECORD);
    }

    /** True when some record was left out because whose it is cannot be read: "whose records these are" is true. */
    public static boolean anyOwnerUnread(Collection<?> issues) {
        return issues.stream().map(DataQualityIssue.class::cast).anyMatch(LeftOutRecords::ownerUnread);
    }

    /**
     * What could not be read of records not used whose patient was read, for a summary that has just said there is no
     * ALL result: "a result whose code cannot be read was not used; it may hold an ALL result: correct its code". A
     * record whose code cannot be read may be any record, so it may be an ALL one; records unread in different parts
     * are named as records that cannot be read.
     */
    public static String unreadParts(Collection<?> issues) {
        List<DataQualityIssue> unread = issues.stream().map(DataQualityIssue.class::cast).toList();
        if (unread.stream().map(i -> noun(i) + " " + unreadPart(i)).distinct().count() != 1) {
            return "records that cannot be read were not used; correct them in the EHR";
        }
        String noun = noun(unread.get(0));
        String part = unreadPart(unread.get(0));
        boolean one = unread.stream().map(DataQualityIssue::reference).distinct().count() == 1;
        String mayBe = !part.equals("code") ? ""
                : (one ? "it" : "they") + " may " + ("result".equals(noun) ? "hold an ALL result" : "be an ALL record") + ": ";
        String remedy = "correct " + (part.equals(noun) ? "it" : "its " + part);
        return (one ? "a " + noun : noun + "s") + (part.equals(noun) ? " that" : " whose " + part) + " cannot be read "
                + (one ? "was not used; " + mayBe + remedy : "were not used; " + mayBe + ofSeveral(remedy));
    }

    /**
     * True for an ALL diagnosis record left out because its verification status cannot be read (D5: it may have said
     * entered-in-error or refuted): its date is there, but cannot date the diagnosis until the status is corrected.
     */
    public static boolean diagnosisStatusUnread(DataQualityIssue issue) {
        return INVALID_VALUE.equals(issue.code()) && "verificationStatus".equals(element(issue))
                && allDiagnosisLeftOut(issue);
    }

    /**
     * True for an ALL diagnosis record left out (dated after the evaluation time, a verification status that cannot be
     * read): the record is there, so the card names it as not used rather than as not recorded.
     */
    public static boolean allDiagnosisLeftOut(DataQualityIssue issue) {
        return isLeftOut(issue) && "Condition".equals(resourceType(issue)) && issue.recordName() != null
                && issue.recordName().startsWith(ALL_DIAGNOSIS);
    }

    /**
     * True for the diagnosis date when {@code facts} show the ALL diagnosis record that holds it left out for its
     * verification status: the date is there, not missing; the card's "Not used" line names the record.
     */
    public static boolean diagnosisDateOnUnreadRecord(String inputName, Collection<?> facts) {
        return inputName.equals(InputWords.DIAGNOSIS_DATE) && facts.stream()
                .anyMatch(f -> f instanceof DataQualityIssue issue && diagnosisStatusUnread(issue));
    }

    /**
     * The ALL diagnosis records {@link #diagnosisStatusUnread} names, for a summary: "ALL diagnosis record cannot be
     * used: correct its verification status" (of several, "records … their").
     */
    public static String unusableDiagnosis(Collection<?> issues) {
        boolean one = issues.stream().map(DataQualityIssue.class::cast).map(DataQualityIssue::reference).distinct()
                .count() == 1;
        String remedy = "correct its " + DataQualityWords.VERIFICATION_STATUS;
        return one ? ALL_DIAGNOSIS + " record cannot be used: " + remedy
                : ALL_DIAGNOSIS + " records cannot be used: " + ofSeveral(remedy);
    }

    /** The record as a card names it by its type: "result", "diagnosis record", "birth date". */
    private static String noun(DataQualityIssue issue) {
        return RECORD.getOrDefault(resourceType(issue), "record");
    }

    /** The part of the record that could not be read, as a card line names it: "code", "status", "birth date". */
    private static String unreadPart(DataQualityIssue issue) {
        return DataQualityWords.aspect(issue.detail() == null ? "" : issue.detail(), "value");
    }

    /** True for an unreadable element that tells whose the record is: its subject, or its focus. */
    private static boolean ownerUnread(DataQualityIssue issue) {
        return INVALID_VALUE.equals(issue.code()) && Set.of("subject", "focus").contains(element(issue));
    }

    /**
     * A remedy said of one record, said of several: "correct its unit" as "correct their unit", "it" as "them"; the
     * order cards' note says its remedies of several records so too.
     */
    public static String ofSeveral(String remedy) {
        return remedy.replaceAll("\\bits\\b", "their").replaceAll("\\bit\\b", "them");
    }

    /**
     * The part of the record to correct, as a card names it: a Condition's code is its diagnosis code, a subject its
     * patient reference, a relapse's count that could not be read its marrow blasts ({@link #words} names them);
     * "it in the EHR" where the card cannot say which part.
     */
    private static String partAtFault(DataQualityIssue issue) {
        if (UNIT_NOT_CONVERTIBLE.equals(issue.code()) && issue.isAboutRelapseMarrow()) {
            return "the unit of its marrow blasts";
        }
        if (!INVALID_VALUE.equals(issue.code())) {
            return WHOLE_RECORD;
        }
        return switch (element(issue)) {
            case "subject" -> "its patient reference";
            case "code" -> "Condition".equals(resourceType(issue)) ? "its diagnosis code" : WHOLE_RECORD;
            case "verificationStatus" -> "its " + DataQualityWords.VERIFICATION_STATUS;
            default -> WHOLE_RECORD;
        };
    }

    /**
     * The resource type the issue is about: the detail starts with the FHIR element ({@code Condition.code.coding}),
     * else the reference names it; null for records counted without a type (another patient's).
     */
    static String resourceType(DataQualityIssue issue) {
        String detail = issue.detail();
        int dot = detail.indexOf('.');
        if (dot > 0 && RECORD.containsKey(detail.substring(0, dot))) {
            return detail.substring(0, dot);
        }
        String reference = issue.reference();
        int slash = reference == null ? -1 : reference.indexOf('/');
        return slash > 0 && RECORD.containsKey(reference.substring(0, slash)) ? reference.substring(0, slash) : null;
    }
}
