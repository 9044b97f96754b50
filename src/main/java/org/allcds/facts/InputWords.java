package org.allcds.facts;

import static org.allcds.facts.DataQualityCodes.BIRTH_DATE_ERRORS;
import static org.allcds.facts.DataQualityCodes.CODE_NOT_RECOGNISED;
import static org.allcds.facts.DataQualityCodes.CONFLICTING_RESULTS;
import static org.allcds.facts.DataQualityCodes.DIAGNOSIS_BEFORE_BIRTH;
import static org.allcds.facts.DataQualityCodes.EVALUATION_BEFORE_BIRTH;
import static org.allcds.facts.DataQualityCodes.IMPRECISE_DATE;
import static org.allcds.facts.DataQualityCodes.INVALID_VALUE;
import static org.allcds.facts.DataQualityCodes.MISSING_DATE;
import static org.allcds.facts.DataQualityCodes.PRELIMINARY_RESULT;
import static org.allcds.facts.DataQualityCodes.SPECIMEN_CONTRADICTS_TIMEPOINT;
import static org.allcds.facts.DataQualityCodes.UNIT_NOT_CONVERTIBLE;
import static org.allcds.facts.DataQualityCodes.VALUE_NOT_A_QUANTITY;
import static org.allcds.facts.DataQualityCodes.VALUE_OUT_OF_RANGE;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How text a clinician reads names a missing input: "end-of-block-1 MRD" for {@code relapse-end-block1-mrd}. The cards
 * and the rules' own summaries ("… could not be checked: birth date not recorded") say it the same way.
 */
public final class InputWords {

    private static final Map<String, String> WORDS = Map.of("wbc-at-diagnosis", "WBC at diagnosis",
            "end-of-induction-mrd", "end-of-induction MRD", "day8-mrd", "day-8 MRD",
            "relapse-end-block1-mrd", "end-of-block-1 MRD", "relapse-end-block1-blasts", "end-of-block-1 marrow blasts",
            "end-of-frontline-therapy", "end of front-line therapy",
            "cns-status", "CNS status", "end-of-induction-blasts", "end-of-induction marrow blasts",
            UnclassifiedRelapse.HSCT_DATE, "full date of the allogeneic HSCT", Cd19.INPUT, "CD19 result");

    /** Inputs by the name a card gives their records ("Genetics (2024-05-08)"), where one record holds one input. */
    private static final Map<String, String> RECORDS = Map.ofEntries(
            Map.entry(Input.GENETIC_SUBTYPE.code(), GeneticFinding.RECORD_NAME),
            Map.entry(Input.CNS_STATUS.code(), CnsStatus.RECORD_NAME), Map.entry(Input.LINEAGE.code(), Lineage.RECORD_NAME),
            Map.entry(Input.WBC_AT_DIAGNOSIS.code(), WbcAtDiagnosis.RECORD_NAME),
            Map.entry(Input.DAY8_MRD.code(), MrdTimepoint.DAY8_PB.words() + " MRD"),
            Map.entry(Input.END_OF_INDUCTION_MRD.code(), MrdTimepoint.END_OF_INDUCTION.words() + " MRD"),
            Map.entry(Input.RELAPSE_END_BLOCK1_MRD.code(), MrdTimepoint.RELAPSE_END_BLOCK1.words() + " MRD"),
            Map.entry(Input.RELAPSE_END_BLOCK1_BLASTS.code(), MrdTimepoint.RELAPSE_END_BLOCK1.words() + " marrow blasts"),
            Map.entry(Input.END_OF_INDUCTION_BLASTS.code(), MrdTimepoint.END_OF_INDUCTION.words() + " marrow blasts"),
            Map.entry(Input.RELAPSE_SITE.code(), "Relapse"), Map.entry(UnclassifiedRelapse.NUMBER, "Relapse"),
            Map.entry(Cd19.INPUT, Lineage.RECORD_NAME),
            Map.entry(Input.TESTICULAR_INVOLVEMENT.code(), TesticularInvolvement.RECORD_NAME));
    /** The birth date: no record of a result holds it, the issues about it say so by their code. */
    private static final String BIRTH_DATE = Input.BIRTH_DATE.code();
    /**
     * The inputs a result of each name (as a card names it, without its date) can hold; a result named otherwise (by
     * its resource type: its code was not read) may hold any. Relapse inputs are those its date, site and number give.
     */
    private static final Map<String, Set<String>> HELD_BY_RECORD = heldByRecord();
    /** Why an input held in records of one time that contradict each other is not used, as a card says it. */
    public static final String RECORDS_CONFLICT = "records conflict";
    /** Why an input recorded only as a bound across a cut-off is not used, as a card says it. */
    public static final String NOT_EXACT = "not exact";
    /** Why an input held in codings of one value that give different values is not used: each code was recognised. */
    private static final String CODES_DISAGREE = "codes disagree";
    private static final String NOT_RECOGNISED_WORDS = "code not recognised";
    private static final String NOT_A_NUMBER_WORDS = "not a number";
    /** Why an input held only in a result not yet final (preliminary) is not used, as a card says it. */
    public static final String NOT_YET_FINAL = "not yet final";
    private static final String MARROW_BLASTS = "marrow blasts";
    /** A relapse site only a result of the relapse's own work-up contradicts, as a card says it. */
    private static final String SITE_CONTRADICTED = "contradicted by its work-up";
    /** A relapse number that is no whole number above 0 (a text, a quantity, a 0), as a card says it. */
    private static final String NOT_A_WHOLE_NUMBER = "not a whole number above 0";
    /** A relapse number left open by relapse records close enough to be one relapse, as a card says it. */
    private static final String DAYS_APART = "records under " + UnclassifiedRelapse.ONE_RELAPSE_MAX_DAYS + " days apart";
    private static final String NUMBER_DAYS_APART = "unclear (" + DAYS_APART + ")";
    /** Why an input held only in a record without a full date (none, or a year or month) is not used. */
    private static final String UNDATED_WORDS = "without a full date";

    /** The diagnosis date, the input a record without a dated ALL diagnosis lacks (R-DATA-02). */
    public static final String DIAGNOSIS_DATE = "diagnosis-date";

    private static final Map<String, MrdTimepoint> MRD_INPUTS = Map.of("day8-mrd", MrdTimepoint.DAY8_PB,
            "end-of-induction-mrd", MrdTimepoint.END_OF_INDUCTION, "relapse-end-block1-mrd", MrdTimepoint.RELAPSE_END_BLOCK1);

    private InputWords() {
    }

    /**
     * What is wrong with a relapse the record has: dated before the diagnosis (edge case E6); the data-quality code of
     * that name is {@link DataQualityCodes#RELAPSE_BEFORE_DIAGNOSIS}.
     */
    public static final String RELAPSE_BEFORE_DIAGNOSIS = "relapse dated before the diagnosis";
    /** What is wrong with a relapse the record has: a year or month only. */
    public static final String RELAPSE_DATE_NOT_FULL = "relapse without a full date";
    /** What is wrong with a relapse the record has: suspected, not yet confirmed (a preliminary record). */
    public static final String RELAPSE_NOT_CONFIRMED = "relapse not yet confirmed (preliminary record)";
    /** What a card asks for a relapse without a full date: the relapse date is that of its confirming sample (C-05). */
    private static final String RECORD_RELAPSE_DATE = "record the date of the confirming sample";

    /**
     * What to do about a relapse whose date cannot be used, as the relapse card and the order cards ask it: for {@link
     * #RELAPSE_BEFORE_DIAGNOSIS} check both dates, for {@link #RELAPSE_NOT_CONFIRMED} record it as final once confirmed,
     * else (no full date) record the date of the confirming sample.
     */
    public static String relapseDateAsk(String relapseProblem) {
        return switch (relapseProblem) {
            case RELAPSE_BEFORE_DIAGNOSIS -> "check the relapse and diagnosis dates";
            case RELAPSE_NOT_CONFIRMED -> "once the relapse is confirmed, record it as final";
            default -> RECORD_RELAPSE_DATE;
        };
    }

    /**
     * For the diagnosis date where {@code facts} show the ALL patient's record without any ALL diagnosis Condition, or
     * with none confirmed: the gap a summary names instead ({@link DiagnosisGap}); null for any other input, or a
     * Condition there whose date is what is missing.
     */
    public static DiagnosisGap diagnosisRecordGap(String inputName, Collection<?> facts) {
        return inputName.equals(DIAGNOSIS_DATE) ? DiagnosisGap.in(facts) : null;
    }

    /** The gap a summary that names the inputs {@code names} says in place of the diagnosis date, or null. */
    public static DiagnosisGap diagnosisRecordGap(String[] names, Collection<?> facts) {
        return java.util.Arrays.asList(names).contains(DIAGNOSIS_DATE) ? DiagnosisGap.in(facts) : null;
    }

    /**
     * The inputs among {@code names} a card asks for in words of their own: all of them, but for the lineage where it is
     * missing because the ALL diagnosis is ({@link DiagnosisGap#givesTheLineage}: none recorded, whose code would give
     * it, data contract I3, or none confirmed, whose codes give it): the diagnosis record, which a card names by the
     * diagnosis date ({@link #diagnosisRecordGap}), is asked for in its place, once beside that date, since adding or
     * confirming it is the one step. A record of the patient's that holds the lineage and cannot be used keeps it, with
     * its own reason. The finding still lists every input, and only those.
     */
    public static String[] askedBesideTheDiagnosis(String[] names, Collection<?> facts) {
        String lineage = Input.LINEAGE.code();
        if (!java.util.Arrays.asList(names).contains(lineage) || !DiagnosisGap.givesTheLineage(facts)
                || unusableWhy(lineage, facts) != null) {
            return names;
        }
        return java.util.Arrays.stream(names).map(name -> name.equals(lineage) ? DIAGNOSIS_DATE : name).distinct()
                .toArray(String[]::new);
    }

    /**
     * The input as something still needed: its words, or for one the record has only as a bound (which cannot decide)
     * "exact …", so that a card never asks for a result as if it were not recorded.
     */
    public static String needed(String inputName) {
        return (Input.isRecordedAsBound(inputName) ? "exact " : "") + of(inputName);
    }

    /**
     * As {@link #needed(String)}, and for the relapse or its date where the facts behind the finding show a relapse
     * whose date cannot be used: "plausible relapse date" or "full relapse date", not the relapse as if not recorded;
     * for an input held only in a code outside its value set, "genetic subtype in a recognised code", or in codings of
     * one value that disagree, "relapse site (codes disagree)"; for one held only
     * in records of one time that contradict each other, "end-of-induction MRD (records conflict)"; for a relapse site
     * left open beside a result of its work-up not read, "relapse site (CNS status not read)".
     */
    public static String needed(String inputName, Collection<?> facts) {
        return need(inputName, facts).words();
    }

    /**
     * Why the record's input cannot be used, in the words a summary gives right after the input, as {@link
     * #needed(String, Collection)} qualifies it: "not exact", "records conflict" (or "results conflict"), "contradicted
     * by its work-up", "CNS status not read", "code not recognised", "codes disagree" (or "code not recognised"), "not a
     * number"; empty where it adds no qualifier to
     * the input's words (or names it otherwise: "full relapse date").
     */
    public static List<String> reasonWords(String inputName, Collection<?> facts) {
        return need(inputName, facts).reasons();
    }

    /**
     * Why a check lacks the input, as a summary says it right after the input's words: the first of its {@link
     * #reasonWords} ("without a full date", "records conflict", "later than the diagnosis"), else "not recorded".
     */
    public static String lackingWhy(String inputName, Collection<?> facts) {
        List<String> reasons = reasonWords(inputName, facts);
        return reasons.isEmpty() ? "not recorded" : reasons.get(0);
    }

    /** An input as still needed, and why its record cannot be used as a summary says it (see {@link #reasonWords}). */
    private record Need(String words, List<String> reasons) {
    }

    private static Need need(String inputName, Collection<?> facts) {
        String input = of(inputName);
        if (recordedAsBound(inputName, facts)) {
            return new Need("exact " + input, List.of(NOT_EXACT));
        }
        // a result not yet final is awaited, not asked for: the input reads as if not recorded
        String why = unusableWhy(inputName, facts);
        if (why != null && !why.equals(NOT_YET_FINAL)) {
            return heldUnusable(input, why);
        }
        String problem = aboutRelapseDate(inputName) ? relapseDateProblem(facts) : null;
        if (problem == null) {
            return new Need(needed(inputName), Input.isRecordedAsBound(inputName) ? List.of(NOT_EXACT) : List.of());
        }
        return new Need(problem.equals(RELAPSE_BEFORE_DIAGNOSIS) ? "plausible relapse date"
                : problem.equals(RELAPSE_NOT_CONFIRMED) ? "confirmed relapse" : "full relapse date", List.of());
    }

    /** An input held in records that cannot be used ({@link #unusableWhy}), as still needed, with its reasons. */
    private static Need heldUnusable(String input, String why) {
        return switch (why) {
            // a summary that says "results conflict", or of codes that disagree (each was recognised) "code not
            // recognised", gives the same reason
            case RECORDS_CONFLICT -> new Need(input + " (" + why + ")", List.of(why, "results conflict"));
            case CODES_DISAGREE -> new Need(input + " (" + why + ")", List.of(why, NOT_RECOGNISED_WORDS));
            case NOT_RECOGNISED_WORDS -> new Need(input + " in a recognised code", List.of(why));
            case NOT_A_NUMBER_WORDS -> new Need(input + " as a number", List.of(why));
            case NUMBER_DAYS_APART -> new Need(input + " (" + DAYS_APART + ")", List.of(why));
            // contradicted by its work-up; a relapse site left open beside a result ("CNS status not read")
            default -> new Need(input + " (" + why + ")", List.of(why));
        };
    }

    /**
     * Why the record's input cannot be used, in the words a summary gives right after the input: "records conflict" (or
     * "contradicted by its work-up"), for a relapse site left open "CNS status not read", "codes disagree", "code not
     * recognised" (a relapse number "not a whole number above 0"), "not a number", "not yet final", for a relapse number
     * "unclear (records under 90 days apart)", else the record's {@link Fault} ("without a full date", "with a unit that
     * cannot be converted", "specimen not peripheral blood", "later than the diagnosis", …); null where the facts show
     * no record of it that cannot be used (the input is not recorded).
     */
    public static String unusableWhy(String inputName, Collection<?> facts) {
        if (heldInConflictingRecords(inputName, facts)) {
            return conflictWords(inputName, facts);
        }
        java.util.Optional<DataQualityIssue> open = leftOpen(inputName, facts);
        if (open.isPresent()) {
            return open.get().siteOpenWhy();
        }
        if (heldInUnrecognisedCode(inputName, facts)) {
            return heldInCodesThatDisagree(inputName, facts) ? CODES_DISAGREE
                    : inputName.equals(UnclassifiedRelapse.NUMBER) ? NOT_A_WHOLE_NUMBER : NOT_RECOGNISED_WORDS;
        }
        if (heldInRecordNotANumber(inputName, facts)) {
            return NOT_A_NUMBER_WORDS;
        }
        if (leftOpenByRelapseRecordsDaysApart(inputName, facts)) {
            return NUMBER_DAYS_APART;
        }
        if (recordWith(PRELIMINARY_RESULT, inputName, facts)) {
            return NOT_YET_FINAL;
        }
        return fault(inputName, facts).map(Fault::why).orElse(null);
    }

    /**
     * What a card asks to do about an input it lacks, named as {@code named} ("the lineage", "it"): "record the
     * lineage" where the record lacks it, "correct the lineage" where its records cannot be used, "await the final
     * result" where it is held in a result not yet final, for a relapse site left open the result to check, for relapse
     * records days apart the question to settle, for a record's {@link Fault} what to correct or date ("add the full
     * date to the CNS status record", "correct the unit of the WBC at diagnosis"); never to record what is recorded.
     */
    public static String ask(String inputName, Collection<?> facts, String named) {
        java.util.Optional<DataQualityIssue> open = leftOpen(inputName, facts);
        if (open.isPresent()) {
            return open.get().siteOpenAsk();
        }
        String why = unusableWhy(inputName, facts);
        if (why == null) {
            return "record " + named;
        }
        if (why.equals(NOT_YET_FINAL)) {
            return "await the final result";
        }
        if (why.equals(NUMBER_DAYS_APART)) {
            return "say whether the records are one relapse or two";
        }
        return faultGiving(why, inputName, facts).map(f -> f.ask(inputName, named)).orElse("correct " + named);
    }

    /**
     * What a summary that says why each input cannot be used (the risk group's: "lineage records conflict") asks
     * instead for an input whose record has a fault besides its value, naming the part to correct or date: "add the full
     * date to the CNS status record", "correct the unit of the WBC at diagnosis", "correct the birth date"; null
     * for any other input, whose reason says what to correct.
     */
    public static String askInSummary(String inputName, Collection<?> facts) {
        return askInSummary(inputName, facts, "the " + of(inputName));
    }

    /**
     * As {@link #askInSummary(String, Collection)}, the input named {@code named}: for a summary that has just said why
     * the record cannot be used, "it" ("add the full date to its record", "check its specimen", "correct its unit").
     */
    public static String askInSummary(String inputName, Collection<?> facts, String named) {
        return faultGiving(unusableWhy(inputName, facts), inputName, facts).filter(f -> !f.ofTheValue())
                .map(f -> f.ask(inputName, named)).orElse(null);
    }

    /**
     * What to do about one record of the input that was not used, as the risk and relapse cards ask it ({@link #ask}),
     * for a text that has just named the record: "correct its unit", "add the full date to its record", "check its
     * specimen"; null where the issue is no {@link Fault} of a record of that input (another patient's record, a result
     * not yet final, a Condition).
     */
    public static String fixOf(String inputName, DataQualityIssue issue) {
        return fault(inputName, List.of(issue)).map(f -> f.ask(inputName, "it")).orElse(null);
    }

    /**
     * A fault of a record of the input, other than those {@link #unusableWhy} names first: its date (none, or a year or
     * month only), its unit, its specimen, a value outside the plausible range or not valid FHIR; for the birth date, one
     * later than the diagnosis or the evaluation time. Not a result dated before the diagnosis or the relapse it must
     * follow: it may be another time's (a previous relapse's), so the input may still be to record.
     */
    private record Fault(DataQualityIssue issue) {

        /** In the order a card names them: of a birth date after both, the diagnosis first, whatever the facts' order. */
        private static final List<String> CODES = List.of(MISSING_DATE, IMPRECISE_DATE, UNIT_NOT_CONVERTIBLE,
                SPECIMEN_CONTRADICTS_TIMEPOINT, VALUE_OUT_OF_RANGE, INVALID_VALUE, DIAGNOSIS_BEFORE_BIRTH,
                EVALUATION_BEFORE_BIRTH);

        /**
         * "without a full date", "specimen not peripheral blood", "later than the diagnosis"; a record an order check
         * names as not used, as it does: "with a unit that cannot be converted", "unreadable".
         */
        String why() {
            if (LeftOutRecords.isLeftOutCode(issue.code())) {
                return LeftOutRecords.reason(issue);
            }
            return switch (issue.code()) {
                case MISSING_DATE, IMPRECISE_DATE -> UNDATED_WORDS;
                // "not peripheral blood", "specimen codes disagree"
                case SPECIMEN_CONTRADICTS_TIMEPOINT -> "specimen " + issue.problem().replaceFirst("^specimen ", "");
                case EVALUATION_BEFORE_BIRTH -> "after the evaluation time";
                default -> "later than the diagnosis";
            };
        }

        /** A fault of the value itself, which a summary names by why, as a value in conflict ("WBC … unreadable"). */
        boolean ofTheValue() {
            return issue.code().equals(VALUE_OUT_OF_RANGE) || issue.code().equals(INVALID_VALUE);
        }

        /** What to do: a record without a full date is dated, any other corrected or checked in the part at fault. */
        String ask(String inputName, String named) {
            return switch (issue.code()) {
                case MISSING_DATE, IMPRECISE_DATE -> named.equals("it") ? "add the full date to its record"
                        : "add the full date to the " + recordWords(inputName) + " record";
                case UNIT_NOT_CONVERTIBLE -> "correct " + partOf("unit", named);
                case SPECIMEN_CONTRADICTS_TIMEPOINT -> "check " + partOf("specimen", named);
                default -> "correct " + named;
            };
        }

        /** "the unit of the WBC at diagnosis", "its unit". */
        private static String partOf(String part, String named) {
            return named.equals("it") ? "its " + part : "the " + part + " of " + named;
        }
    }

    /**
     * A relapse number that relapse records of different dates, close enough to be one relapse, leave open: no record
     * gives a wrong number, the clinician says whether they are one relapse (an order check may ask for the number).
     */
    private static boolean leftOpenByRelapseRecordsDaysApart(String inputName, Collection<?> facts) {
        return inputName.equals(UnclassifiedRelapse.NUMBER) && facts.stream()
                .anyMatch(f -> f instanceof DataQualityIssue issue && issue.isRelapseRecordsDaysApart());
    }

    /**
     * The first fault the facts show of a record of the input (see {@link Fault}), in the order of {@link Fault#CODES}:
     * a summary and the card's "Missing" line, which read the facts in different orders, give the same one.
     */
    private static java.util.Optional<Fault> fault(String inputName, Collection<?> facts) {
        return facts.stream().filter(DataQualityIssue.class::isInstance).map(DataQualityIssue.class::cast)
                .filter(issue -> Fault.CODES.contains(issue.code()) && holdsIt(inputName, issue))
                .min(java.util.Comparator.comparingInt(issue -> Fault.CODES.indexOf(issue.code()))).map(Fault::new);
    }

    /** That fault where it is why the input cannot be used ({@link #unusableWhy}), not a reason named before it. */
    private static java.util.Optional<Fault> faultGiving(String why, String inputName, Collection<?> facts) {
        return fault(inputName, facts).filter(f -> f.why().equals(why));
    }

    /** The record that holds the input, as a sentence names it: "CNS status", "immunophenotype", "WBC". */
    private static String recordWords(String inputName) {
        String record = RECORDS.get(inputName);
        return record == null ? of(inputName) : LeftOutRecords.asInSentence(record);
    }

    /** The inputs among {@code names} of which the facts show no record that cannot be used: to record, in order. */
    public static String[] notHeld(String[] names, Collection<?> facts) {
        return java.util.Arrays.stream(names).filter(name -> unusableWhy(name, facts) == null).toArray(String[]::new);
    }

    /** True when the issue is about a record of the input that cannot be used (see {@link #unusableWhy}). */
    public static boolean unusable(String inputName, DataQualityIssue issue) {
        return unusableWhy(inputName, List.of(issue)) != null;
    }

    /**
     * How a summary may name the input before saying why it cannot be used: its words, for the relapse site "site"
     * too, as the relapse card's summary names its relapse's site ("First relapse, site records conflict"), and for
     * marrow blasts "blasts" ("end-of-block-1 blasts &gt; 2 % may be 5 % or more").
     */
    public static List<String> namesInSummary(String inputName) {
        String words = of(inputName);
        if (inputName.equals(Input.RELAPSE_SITE.code())) {
            return List.of(words, "site");
        }
        return words.endsWith(MARROW_BLASTS) ? List.of(words, words.replace(MARROW_BLASTS, "blasts")) : List.of(words);
    }

    /**
     * As {@link #needed(String, Collection)}, and for a relapse site the record narrows, the sites left: "relapse site
     * (isolated marrow or combined)", "relapse site (contradicted by its work-up; combined or isolated extramedullary)".
     */
    public static String neededWithSitesLeft(String inputName, Collection<?> facts) {
        String words = needed(inputName, facts);
        String left = sitesLeft(inputName, facts);
        if (left == null) {
            return words;
        }
        return words.endsWith(")") ? words.substring(0, words.length() - 1) + "; " + left + ")" : words + " (" + left + ")";
    }

    /**
     * Why an input held in results that contradict each other is not used, as a card says it: "records conflict"; for a
     * relapse site only a result of the relapse's own work-up contradicts (a CNS3, testicular involvement, its marrow
     * count), "contradicted by its work-up", so that a clinician does not look for a second relapse record.
     */
    public static String conflictWords(String inputName, Collection<?> facts) {
        List<DataQualityIssue> conflicts = issuesWith(CONFLICTING_RESULTS, inputName, facts).toList();
        return !conflicts.isEmpty() && conflicts.stream().allMatch(DataQualityIssue::isSiteContradicted)
                ? SITE_CONTRADICTED : RECORDS_CONFLICT;
    }

    /** True when every record of the input in a code not recognised holds codings of its value that disagree. */
    private static boolean heldInCodesThatDisagree(String inputName, Collection<?> facts) {
        return issuesWith(CODE_NOT_RECOGNISED, inputName, facts).allMatch(DataQualityIssue::codesDisagree);
    }

    /**
     * An MRD the facts show at the timepoint asked for, or the WBC at diagnosis, is recorded, as a bound that cannot
     * decide ("&lt; 0.5 %" across 0.1 %, "&gt; 45 x10^9/L" across 50): "exact end-of-block-1 MRD", never the result as
     * if not recorded beside its "Because" line.
     */
    private static boolean recordedAsBound(String inputName, Collection<?> facts) {
        if (inputName.equals(Input.WBC_AT_DIAGNOSIS.code())) {
            return facts.stream().anyMatch(f -> f instanceof WbcAtDiagnosis wbc && wbc.bound() != ValueBound.EXACT);
        }
        MrdTimepoint at = MRD_INPUTS.get(inputName);
        return at != null && facts.stream().anyMatch(f -> f instanceof Mrd mrd && mrd.timepoint() == at
                && mrd.bound() != ValueBound.EXACT);
    }

    /**
     * True when the facts show a record of the input whose coded value was not recognised: the input is recorded, in a
     * code outside its value set (a genetic subtype, a CNS status, a lineage).
     */
    public static boolean heldInUnrecognisedCode(String inputName, Collection<?> facts) {
        return recordWith(CODE_NOT_RECOGNISED, inputName, facts);
    }

    /** The inputs among {@code names} that the facts show held in a code outside the value set, in the same order. */
    public static String[] heldInUnrecognisedCode(String[] names, Collection<?> facts) {
        return java.util.Arrays.stream(names).filter(name -> heldInUnrecognisedCode(name, facts)).toArray(String[]::new);
    }

    /** The inputs among {@code names} that the facts show held in codings of one value that disagree, in order. */
    public static String[] heldInCodesThatDisagree(String[] names, Collection<?> facts) {
        return java.util.Arrays.stream(names).filter(name -> heldInUnrecognisedCode(name, facts)
                && heldInCodesThatDisagree(name, facts)).toArray(String[]::new);
    }

    /** True when the facts show the input held in a record whose value is not a number (a text, a code). */
    public static boolean heldInRecordNotANumber(String inputName, Collection<?> facts) {
        return recordWith(VALUE_NOT_A_QUANTITY, inputName, facts);
    }

    /** The inputs among {@code names} that the facts show held in records of one time that contradict each other. */
    public static String[] heldInConflictingRecords(String[] names, Collection<?> facts) {
        return java.util.Arrays.stream(names).filter(name -> heldInConflictingRecords(name, facts)).toArray(String[]::new);
    }

    /** True when the facts show the input held in records of one time that contradict each other. */
    public static boolean heldInConflictingRecords(String inputName, Collection<?> facts) {
        return recordWith(CONFLICTING_RESULTS, inputName, facts);
    }

    /**
     * For the relapse site, the issue that leaves it open beside a result of its work-up not read, where that is why it
     * cannot be used ({@link #unusableWhy}: records in conflict come first); else empty.
     */
    public static java.util.Optional<DataQualityIssue> leftOpen(String inputName, Collection<?> facts) {
        return heldInConflictingRecords(inputName, facts) ? java.util.Optional.empty() : siteOpen(inputName, facts);
    }

    /** For the relapse site, the issue that leaves it open beside a result of its work-up not read; else empty. */
    public static java.util.Optional<DataQualityIssue> siteOpen(String inputName, Collection<?> facts) {
        if (!inputName.equals(Input.RELAPSE_SITE.code())) {
            return java.util.Optional.empty();
        }
        return facts.stream().filter(f -> f instanceof DataQualityIssue issue && issue.isSiteOpen())
                .map(DataQualityIssue.class::cast).findFirst();
    }

    /**
     * True when the facts hold an issue of that code about a record of the input; a code not recognised only in the
     * record's value (a CD19 or timepoint component holds another input); for the relapse site and the CD19 result,
     * only in its component (a relapse record also holds the date and the relapse number).
     */
    private static boolean recordWith(String issueCode, String inputName, Collection<?> facts) {
        return issuesWith(issueCode, inputName, facts).findAny().isPresent();
    }

    /** The issues of that code the facts hold about a record of the input, as {@link #recordWith} reads them. */
    private static Stream<DataQualityIssue> issuesWith(String issueCode, String inputName, Collection<?> facts) {
        return facts.stream().filter(DataQualityIssue.class::isInstance).map(DataQualityIssue.class::cast)
                .filter(issue -> issue.code().equals(issueCode) && holdsIt(inputName, issue));
    }

    /**
     * True when the issue is about a record of the input, in the element that holds it ({@link #recordWith}); for the
     * birth date, when it is the birth date that the issue finds wrong.
     */
    private static boolean holdsIt(String inputName, DataQualityIssue issue) {
        if (inputName.equals(BIRTH_DATE)) {
            return BIRTH_DATE_ERRORS.contains(issue.code());
        }
        String record = RECORDS.get(inputName);
        return record != null && issue.isAbout(record) && inItsElement(issue.code(), inputName, issue);
    }

    private static boolean inItsElement(String issueCode, String inputName, DataQualityIssue issue) {
        if (inputName.equals(Input.RELAPSE_SITE.code()) || inputName.equals(Cd19.INPUT)
                || inputName.equals(UnclassifiedRelapse.NUMBER)) {
            return issue.detail() != null && issue.detail().contains(inputName);
        }
        return !issueCode.equals(CODE_NOT_RECOGNISED) || DataQualityWords.isValue(issue.detail());
    }

    /**
     * True when the issue keeps a record of an input from being used ({@link #unusableWhy}): the issues a rule
     * collects to say why, and to ask for what is wrong.
     */
    public static boolean aboutAnInput(DataQualityIssue issue) {
        return Stream.concat(RECORDS.keySet().stream(), Stream.of(BIRTH_DATE)).anyMatch(input -> unusable(input, issue));
    }

    /**
     * The inputs a result named {@code recordName} ("WBC (2024-05-06)", "End-of-block-1 MRD (2019-09-24)") can hold, or
     * null when its name does not say (a result named by its resource type, whose code may be what was not read).
     */
    public static Set<String> heldByRecord(String recordName) {
        return recordName == null ? null : HELD_BY_RECORD.get(recordName.split(" \\(", 2)[0]);
    }

    /**
     * True when the finding asks for an input the issue's record may hold: a missing-data finding of that input, or one
     * that names it among its missing inputs (an MRD whose timepoint could not be read may be the end-of-induction MRD a
     * pending group waits for). False for a record whose name does not say what it holds.
     */
    public static boolean asksForWhatItMayHold(Finding finding, DataQualityIssue issue) {
        Set<String> held = heldByRecord(issue.recordName());
        if (held == null) {
            return false;
        }
        return finding.type().equals("missing-data") && held.contains(finding.value())
                || finding.missing().stream().anyMatch(held::contains);
    }

    private static Map<String, Set<String>> heldByRecord() {
        Map<String, Set<String>> held = new java.util.HashMap<>();
        // the immunophenotype holds the lineage and its CD19 result
        RECORDS.forEach((input, record) -> held.merge(record, Set.of(input), (a, b) -> {
            Set<String> both = new java.util.HashSet<>(a);
            both.addAll(b);
            return Set.copyOf(both);
        }));
        held.put("MRD", Set.of(Input.DAY8_MRD.code(), Input.END_OF_INDUCTION_MRD.code(), Input.RELAPSE_END_BLOCK1_MRD.code()));
        held.put(MrdTimepoint.END_OF_INDUCTION.words() + " marrow blasts", Set.of(Input.END_OF_INDUCTION_BLASTS.code()));
        held.put(MrdTimepoint.RELAPSE_END_BLOCK1.words() + " marrow blasts", Set.of(Input.RELAPSE_END_BLOCK1_BLASTS.code()));
        held.put("Marrow blasts", Set.of(Input.END_OF_INDUCTION_BLASTS.code(), Input.RELAPSE_END_BLOCK1_BLASTS.code()));
        held.put("Relapse", Set.of("relapse", UnclassifiedRelapse.DATE, Input.RELAPSE_SITE.code(), "relapse-number"));
        return Map.copyOf(held);
    }

    /**
     * For the relapse site, the sites the relapse in the facts may still have where its record rules some out ("isolated
     * marrow or combined", as the relapse card's line says them); null for another input, or where every site is open.
     */
    public static String sitesLeft(String inputName, Collection<?> facts) {
        if (!inputName.equals(Input.RELAPSE_SITE.code())) {
            return null;
        }
        return facts.stream().filter(Relapse.class::isInstance).map(f -> ((Relapse) f).possibleSitesWords())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The names a check gives the relapse it lacks: the relapse itself, or its date. */
    public static boolean aboutRelapseDate(String inputName) {
        return inputName.equals("relapse") || inputName.equals(UnclassifiedRelapse.DATE);
    }

    /**
     * What is wrong with the date of a relapse the record has but the rules cannot use, from the facts behind a finding
     * ({@link #RELAPSE_BEFORE_DIAGNOSIS}, {@link #RELAPSE_DATE_NOT_FULL}), or that it is not yet confirmed ({@link
     * #RELAPSE_NOT_CONFIRMED}), or null when they show no such relapse.
     */
    public static String relapseDateProblem(Collection<?> facts) {
        boolean notFull = false;
        boolean notConfirmed = false;
        for (Object fact : facts) {
            if (fact instanceof DataQualityIssue issue
                    && issue.code().equals(DataQualityCodes.RELAPSE_BEFORE_DIAGNOSIS)) {
                return RELAPSE_BEFORE_DIAGNOSIS;
            }
            notFull |= fact instanceof UnclassifiedRelapse relapse && relapse.missing().equals(UnclassifiedRelapse.DATE);
            notConfirmed |= fact instanceof UnclassifiedRelapse relapse
                    && relapse.missing().equals(UnclassifiedRelapse.CONFIRMATION);
        }
        return notFull ? RELAPSE_DATE_NOT_FULL : notConfirmed ? RELAPSE_NOT_CONFIRMED : null;
    }

    /** True for what is wrong with a relapse's date (not a relapse awaiting its confirmation). */
    public static boolean isDateProblem(String relapseProblem) {
        return relapseProblem != null && !relapseProblem.equals(RELAPSE_NOT_CONFIRMED);
    }

    /** The input's words: a known name's, else the name with its hyphens as spaces ("birth date"). */
    public static String of(String inputName) {
        String known = WORDS.get(inputName);
        return known != null ? known : inputName.replace('-', ' ');
    }
}
