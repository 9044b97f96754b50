package org.allcds.cards;

import static org.allcds.facts.DataQualityCodes.CENSORED_VALUE;
import static org.allcds.facts.DataQualityCodes.CODE_NOT_RECOGNISED;
import static org.allcds.facts.DataQualityCodes.CONFLICTING_RESULTS;
import static org.allcds.facts.DataQualityCodes.DATED_AFTER_EVALUATION_TIME;
import static org.allcds.facts.DataQualityCodes.DATED_BEFORE_DIAGNOSIS;
import static org.allcds.facts.DataQualityCodes.DATED_BEFORE_RELAPSE;
import static org.allcds.facts.DataQualityCodes.DIAGNOSIS_DATE_CONTRADICTED;
import static org.allcds.facts.DataQualityCodes.DRAFT_ORDER_WITHOUT_ID;
import static org.allcds.facts.DataQualityCodes.DUPLICATE_RESOURCE;
import static org.allcds.facts.DataQualityCodes.FOREIGN_SUBJECT_EXCLUDED;
import static org.allcds.facts.DataQualityCodes.IMPRECISE_DATE;
import static org.allcds.facts.DataQualityCodes.INVALID_VALUE;
import static org.allcds.facts.DataQualityCodes.MAY_FOLLOW_RELAPSE;
import static org.allcds.facts.DataQualityCodes.MISSING_DATE;
import static org.allcds.facts.DataQualityCodes.PRELIMINARY_RESULT;
import static org.allcds.facts.DataQualityCodes.SPECIMEN_CONTRADICTS_TIMEPOINT;
import static org.allcds.facts.DataQualityCodes.UNDATED;
import static org.allcds.facts.DataQualityCodes.UNIT_NOT_CONVERTIBLE;
import static org.allcds.facts.DataQualityCodes.VALUE_NOT_A_QUANTITY;
import static org.allcds.facts.DataQualityCodes.VALUE_OUT_OF_RANGE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.cards.CardGrouping.Group;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.DiagnosisGap;
import org.allcds.facts.Finding;
import org.allcds.facts.Input;
import org.allcds.facts.InputWords;
import org.allcds.facts.LeftOutRecords;
import org.allcds.facts.NotApplicableReason;
import org.allcds.facts.Relapse;
import org.allcds.facts.UnclassifiedRelapse;

/**
 * A card's detail, written for a clinician reading it in seconds (docs/cards.md): the conclusion and what follows; the
 * schemes side by side when the card compares them, or one line per further finding; what is missing; what does not
 * apply; "Because:" the inputs that decided it, one per line with value and date (a derived input such as an age or
 * a relapse interval replaces the dates it was computed from, and names the diagnosis date where it was read from it);
 * one line naming the rules and the
 * rule set with the evaluation time; the disclaimer. Everything else (every rule, source and reference) is in the
 * machine-readable extension.
 */
final class CardDetail {

    static final String DISCLAIMER = "Decision support only.";
    /** A source input a derived one does not replace on the card: the relapse also gives its site and number. */
    private static final Set<String> ALWAYS_SHOWN = Set.of("relapseDate");
    private static final String DATA_QUALITY = "dataQuality";
    private static final String DIAGNOSIS_DATE = "diagnosisDate";
    private static final String DIAGNOSIS_WORD = " diagnosis";
    private static final String DATA_QUALITY_FINDING = "data-quality";
    /** Data-quality findings whose summary only names their kind of issue (see {@link #namesItsRecords}). */
    private static final Set<String> SAID_BY_RECORD_LINES = Set.of(CENSORED_VALUE, UNIT_NOT_CONVERTIBLE,
            IMPRECISE_DATE, MISSING_DATE, FOREIGN_SUBJECT_EXCLUDED, DUPLICATE_RESOURCE, CONFLICTING_RESULTS,
            DATED_AFTER_EVALUATION_TIME, INVALID_VALUE, VALUE_OUT_OF_RANGE, VALUE_NOT_A_QUANTITY,
            CODE_NOT_RECOGNISED, DATED_BEFORE_RELAPSE, DATED_BEFORE_DIAGNOSIS, SPECIMEN_CONTRADICTS_TIMEPOINT,
            MAY_FOLLOW_RELAPSE, DIAGNOSIS_DATE_CONTRADICTED,
            PRELIMINARY_RESULT,
            DRAFT_ORDER_WITHOUT_ID);

    private CardDetail() {
    }

    /**
     * {@code summary}: the card's summary, whose reasons the "Missing" line does not repeat; {@code linkedSources}: the
     * labels of the card's links, sources the "Rules:" line need not name again.
     */
    static String write(Group group, CardRenderer.Context context, String summary, Set<String> linkedSources) {
        List<String> blocks = new ArrayList<>();
        ExplainedFinding top = group.top();
        if (top.finding().note() != null) {
            blocks.add(text(top.finding().note().trim()));
        }
        // a table row no less than a line: what the relapse number alone rules out is not said
        List<ExplainedFinding> said = group.shown().stream().filter(f -> !goesWithoutSaying(f, group)).toList();
        List<ExplainedFinding> rest = new ArrayList<>(said);
        Table table = Table.of(said, top);
        if (table != null) {
            blocks.add(table.markdown());
            rest.removeIf(f -> CardTopics.ofAScheme(f.finding()));
        }
        List<ExplainedFinding> withReasons = withReasonsApart(group, top);
        rest.removeAll(withReasons);
        rest.remove(top);
        boolean orderCard = top.finding().type().equals(CardTopics.ORDER_CHECK);
        blocks.add(otherFindings(rest, top, orderCard));
        Set<String> asked = missingInputs(group.shown());
        blocks.add(missing(group.shown(), asked, summary));
        List<ExplainedFinding> listedApart = Stream.concat(group.cardless().stream(), withReasons.stream())
                .filter(f -> !CardGrouping.isExtensionOnly(f.finding())).toList();
        blocks.add(notApplicable(listedApart.stream().filter(f -> !saidInNote(f, top) && !goesWithoutSaying(f, group))
                .toList()));
        // what the card's "Not applicable" lines rest on too (a Ph+ result that puts the relapse outside AALL1331)
        blocks.add(because(Stream.concat(group.shown().stream(), listedApart.stream()).toList(),
                asked.contains(Input.RELAPSE_SITE.code()), recordsNotUsed(top)));
        // The rules of every line the card prints, its "Not applicable" and "Not checked" lines included
        blocks.add(provenance(Stream.concat(group.shown().stream(), listedApart.stream()).toList(), context,
                linkedSources));
        blocks.add("_" + DISCLAIMER + "_");
        return blocks.stream().filter(b -> b != null && !b.isEmpty()).collect(Collectors.joining("\n\n"));
    }

    /** Text of a rule or a record as the card shows it: comparators as clinicians write them, markdown escaped. */
    private static String text(String plain) {
        return Markdown.escape(ClinicalText.comparators(plain));
    }

    /**
     * One line per further finding (see {@link #line}); missing-data, and records not used, are listed apart: their
     * "Because" lines name them (on a draft order's card, every record not used, in conflict or in a code not recognised
     * that holds an input its check lacks).
     */
    private static String otherFindings(List<ExplainedFinding> rest, ExplainedFinding top, boolean orderCard) {
        Set<String> lines = new LinkedHashSet<>();
        for (ExplainedFinding f : rest) {
            Finding x = f.finding();
            if (x.type().equals("missing-data") || Objects.equals(x.summary(), top.finding().summary())
                    || namesItsRecords(f)
                    || orderCard && x.type().equals(DATA_QUALITY_FINDING)) {
                continue;
            }
            lines.add("- " + text(line(x)));
        }
        return String.join("\n", lines);
    }

    /**
     * A data-quality finding whose records the "Because" lines name with what was wrong ("Not used: WBC (2024-05-06),
     * unit cannot be converted"), and whose summary only names that kind of issue, would say the same again in general
     * words. A data error whose summary says what follows ("age cannot be computed") keeps its line.
     */
    private static boolean namesItsRecords(ExplainedFinding f) {
        return f.finding().type().equals(DATA_QUALITY_FINDING) && SAID_BY_RECORD_LINES.contains(f.finding().value())
                && f.inputs().stream().anyMatch(DataQualityIssue.class::isInstance);
    }

    /** A scheme's result reads "NCI/Rome risk: standard"; a finding without a scheme (a note) by its own summary. */
    private static String line(Finding x) {
        if (x.scheme() == null && x.summary() != null) {
            return x.summary();
        }
        String type = ClinicalText.type(x.type());
        String scheme = x.scheme() == null ? "" : ClinicalText.scheme(x.scheme());
        return type + (scheme.isEmpty() || type.startsWith(scheme) ? "" : " (" + scheme + ")") + ": " + ClinicalText.value(x);
    }

    /**
     * What the card's findings still need, in the words of every input the card shows: an HSCT check that lacks the
     * MRD another finding has as a bound asks for the exact MRD, not for one beside its "Because" line; why an input
     * cannot be used only where the card's {@code summary} does not say it already; the ALL diagnosis record, first,
     * where a finding shown says the record lacks it ({@link Finding#diagnosisGap}): for its date, which it names so,
     * or for the lineage its code would give (a CAR-T check, which needs no diagnosis date). Any finding shown, not only
     * the summary's: a chart has one gap at most (no ALL Condition, or none confirmed), and a card that leads with
     * another finding (a refractory relapse, which needs no diagnosis date) still asks for the record, not its date.
     */
    private static String missing(List<ExplainedFinding> shown, Set<String> asked, String summary) {
        List<ClinicalInput> shownInputs = inputs(shown);
        DiagnosisGap gap = shown.stream().map(f -> f.finding().diagnosisGap()).filter(Objects::nonNull).findFirst()
                .orElse(null);
        Set<String> names = new LinkedHashSet<>();
        if (gap != null) {
            names.add(gap.missing());
        }
        // a date on a diagnosis record not used for its status is there: the "Not used" line names the record; and
        // beside a diagnosis gap the record named above stands for its date
        asked.stream().filter(m -> !LeftOutRecords.diagnosisDateOnUnreadRecord(m, shownInputs))
                .filter(m -> gap == null || !m.equals(InputWords.DIAGNOSIS_DATE))
                .map(m -> ClinicalText.missing(m, shownInputs, summary)).forEach(names::add);
        return names.isEmpty() ? "" : "**Missing:** " + text(String.join(", ", names)) + ".";
    }

    /** The inputs the card's findings ask for, by name, in the order they name them. */
    private static Set<String> missingInputs(List<ExplainedFinding> shown) {
        Set<String> names = new LinkedHashSet<>();
        for (ExplainedFinding e : shown) {
            Finding f = e.finding();
            if (f.type().equals("missing-data")) {
                names.add(f.value());
            }
            names.addAll(f.missing());
        }
        return names;
    }

    /**
     * A "not met" or "not applicable" of a scheme says its reason on the card's "Not applicable" line, with the card-less
     * ones: as a table cell or a line of its own it would lose it ("CAR-T label: not met"). Not when it says what the
     * card's top finding says.
     */
    private static List<ExplainedFinding> withReasonsApart(Group group, ExplainedFinding top) {
        return group.shown().stream().filter(f -> f != top && CardTopics.ofAScheme(f.finding())
                        && CardGrouping.CARDLESS_VALUES.contains(f.finding().value())
                        && !reason(f.finding()).equals(reason(top.finding())))
                .toList();
    }

    /** A card-less finding whose reason the card's note gives already (an order card's label not met). */
    private static boolean saidInNote(ExplainedFinding f, ExplainedFinding top) {
        String note = top.finding().note();
        return note != null && note.contains(reason(f.finding()));
    }

    /**
     * What the relapse number alone rules out (the CAR-T label at a first relapse that is not refractory, the
     * first-relapse strata at a second relapse) tells a clinician nothing: no entry of the card's line, unless a rule
     * put the finding on this card of its own (a CAR-T order's, whose check rests on it). Its finding stays in the
     * extension, its rule on the "Rules:" line.
     */
    private static boolean goesWithoutSaying(ExplainedFinding f, Group group) {
        Finding x = f.finding();
        boolean ownCard = !group.main() && x.card().equals(group.key());
        return !ownCard && x.reasons().equals(Set.of(NotApplicableReason.RELAPSE_NUMBER));
    }

    /**
     * The reason words the finding's rule gives ("age 26 years: the label covers patients up to 25 years"), else the
     * value: never words read back out of its summary, which may lead with anything.
     */
    private static String reason(Finding x) {
        return x.reasonWords() != null ? x.reasonWords() : ClinicalText.value(x);
    }

    /**
     * "CAR-T label (EMA, FDA): CD19-negative disease": one entry per type and reason, its schemes together.
     * A check that lacks an input ("not met" with missing inputs) is "not checked", never "not applicable".
     */
    private static String notApplicable(List<ExplainedFinding> cardless) {
        List<ExplainedFinding> unchecked = cardless.stream().filter(f -> !f.finding().missing().isEmpty()).toList();
        List<ExplainedFinding> decided = cardless.stream().filter(f -> f.finding().missing().isEmpty()).toList();
        return Stream.of(section("Not applicable", decided), section("Not checked", unchecked))
                .filter(b -> !b.isEmpty()).collect(Collectors.joining("\n\n"));
    }

    private static String section(String heading, List<ExplainedFinding> findings) {
        record Entry(String type, String reason) {
        }
        Map<Entry, Set<String>> schemes = new LinkedHashMap<>();
        for (ExplainedFinding f : findings) {
            Finding x = f.finding();
            Set<String> of = schemes.computeIfAbsent(new Entry(ClinicalText.type(x.type()), reason(x)), k -> new LinkedHashSet<>());
            if (x.scheme() != null) {
                of.add(ClinicalText.family(x.scheme()));
            }
        }
        List<String> entries = schemes.entrySet().stream().map(e -> e.getKey().type()
                + (e.getValue().isEmpty() ? "" : " (" + String.join(", ", e.getValue()) + ")") + ": " + e.getKey().reason())
                .toList();
        return entries.isEmpty() ? "" : "**" + heading + ":** " + text(String.join("; ", entries)) + ".";
    }

    private static final int LINES_PER_INPUT = 3;

    /**
     * {@code siteAskedFor}: the card's "Missing" line names the relapse site, which the relapse line need not.
     * {@code summaryRecords}: the records not used that the card's summary may name, never counted among "more like
     * these" (nor the result a site left open waits for, which the "Missing" line points to).
     */
    private static String because(List<ExplainedFinding> shown, boolean siteAskedFor, Set<String> summaryRecords) {
        List<ClinicalInput> inputs = inputs(shown);
        // A derived input (age, relapse interval) says what its sources would; the extension keeps them all.
        Set<String> replaced = inputs.stream().flatMap(i -> i.derivedFrom().stream()).collect(Collectors.toSet());
        replaced.removeAll(ALWAYS_SHOWN);
        Set<String> usedRecords = inputs.stream().filter(i -> !(i instanceof DataQualityIssue) && i.reference() != null)
                .map(ClinicalInput::reference).collect(Collectors.toSet());
        Set<String> readAsBound = conflictsReadAsBound(inputs, usedRecords);
        // the date an age at diagnosis or a relapse interval was read from, so that a clinician can check it
        LocalDate diagnosed = inputs.stream().filter(Diagnosis.class::isInstance).map(ClinicalInput::date)
                .filter(Objects::nonNull).findFirst().orElse(null);
        // per input (a record left out: per kind of issue), each line with the records it stands for
        Map<String, Map<String, Set<String>>> linesByInput = new LinkedHashMap<>();
        Set<String> datesNamedByIssues = inputs.stream()
                .filter(i -> i instanceof DataQualityIssue issue && issue.reference() != null && aboutTheDate(issue))
                .map(ClinicalInput::reference).collect(Collectors.toSet());
        Set<String> waitedFor = resultsOfOpenSites(inputs);
        Predicate<ClinicalInput> saidByTheOtherLine = saidByTheOtherLine(inputs, waitedFor, siteAskedFor);
        List<ClinicalInput> said = inputs.stream().filter(i -> !replaced.contains(i.inputName())
                        && !boundShownAsUsed(i, usedRecords) && !undatedRelapseNamedByIssue(i, datesNamedByIssues)
                        && !saidByTheOtherLine.test(i))
                .toList();
        Map<String, List<DataQualityIssue>> severalProblems = recordsWithSeveralProblems(said, siteAskedFor);
        for (ClinicalInput i : said) {
            List<DataQualityIssue> ofItsRecord = i instanceof DataQualityIssue issue
                    ? severalProblems.get(issue.recordName()) : null;
            String line = ofItsRecord == null ? line(i, readAsBound, diagnosed, siteAskedFor)
                    : problemsLine(ofItsRecord, readAsBound, usedRecords);
            // every problem of one record on its first issue's line, with the records it stands for
            linesByInput.computeIfAbsent(shortenedAs(ofItsRecord == null ? i : ofItsRecord.get(0)),
                            name -> new LinkedHashMap<>())
                    .computeIfAbsent("- " + text(line), l -> new LinkedHashSet<>())
                    .add(String.valueOf(namedRecord(i, siteAskedFor)));
        }
        Set<String> pointedTo = new LinkedHashSet<>(summaryRecords);
        pointedTo.addAll(waitedFor);
        List<String> lines = linesByInput.entrySet().stream()
                .flatMap(e -> shortened(counted(e.getKey(), pointedToFirst(e.getValue(), pointedTo))).stream()).toList();
        return lines.isEmpty() ? "" : "**Because:**\n" + String.join("\n", lines);
    }

    /**
     * A data-quality line says "Not used" unless the record was used: results of one day that disagree, which the
     * mapping read together as the range they span ("blasts 3 % and 8 %" as "3 to 8 %"; the card shows that range),
     * and a draft order without an id, which was checked.
     */
    private static String line(ClinicalInput input, Set<String> readAsBound, LocalDate diagnosed, boolean siteAskedFor) {
        if (!(input instanceof DataQualityIssue issue)) {
            String line = input instanceof Relapse relapse && siteAskedFor
                    ? ClinicalText.inputLine(input, ClinicalText.inputLabel(input), relapse.cardValueWithoutUnknownSite())
                    : ClinicalText.inputLine(input);
            int end = line.indexOf(DIAGNOSIS_WORD) + DIAGNOSIS_WORD.length();
            // "Age at diagnosis (2024-05-06): 4 y", "54 months from diagnosis (2015-02-10)"
            return diagnosed != null && end >= DIAGNOSIS_WORD.length() && input.derivedFrom().contains(DIAGNOSIS_DATE)
                    ? line.substring(0, end) + " (" + diagnosed + ")" + line.substring(end) : line;
        }
        if (issue.code().equals(CONFLICTING_RESULTS) && readAsBound.contains(issue.recordName())) {
            return ClinicalText.inputLine(input, "Read together");
        }
        if (siteAskedFor && issue.isSiteOpen()) {
            // the "Missing" line asks for the site and says why: this line names the result it waits for
            return ClinicalText.inputLine(input, ClinicalText.inputLabel(input), issue.siteOpenResultNamed());
        }
        // an order without an id is checked all the same; only a card's action cannot target it
        String label = issue.code().equals(DRAFT_ORDER_WITHOUT_ID) ? "Checked" : ClinicalText.inputLabel(input);
        return ClinicalText.inputLine(input, label);
    }

    /**
     * The records (by name and date, as the card names them) with more than one problem to say, each with its issues:
     * one line says them all ("Not used: Genetics (2019-08-22): value code not recognised; contradicted by its
     * interpretation"), so that a clinician never puts two lines about one record together. A site left open where the
     * card asks for it, and an order without an id, keep lines of their own: those name another record, or none.
     */
    private static Map<String, List<DataQualityIssue>> recordsWithSeveralProblems(List<ClinicalInput> said,
                                                                                  boolean siteAskedFor) {
        Map<String, List<DataQualityIssue>> byRecord = new LinkedHashMap<>();
        said.stream().filter(i -> i instanceof DataQualityIssue issue && issue.recordName() != null
                        && !(siteAskedFor && issue.isSiteOpen()) && !issue.code().equals(DRAFT_ORDER_WITHOUT_ID))
                .map(DataQualityIssue.class::cast)
                .forEach(issue -> byRecord.computeIfAbsent(issue.recordName(), r -> new ArrayList<>()).add(issue));
        byRecord.values().removeIf(issues -> issues.stream().map(DataQualityIssue::problem).distinct().count() < 2);
        return byRecord;
    }

    /**
     * "Not used: Genetics (2019-08-22): value code not recognised; contradicted by its interpretation"; "Read together"
     * where the mapping read the record's conflicting results together, which then names those of its records that
     * were not read: "Read together: Genetics (2019-08-22): conflicting values; 1 other not read, value code not
     * recognised".
     */
    private static String problemsLine(List<DataQualityIssue> issues, Set<String> readAsBound, Set<String> usedRecords) {
        DataQualityIssue first = issues.get(0);
        boolean readTogether = issues.stream().anyMatch(i -> i.code().equals(CONFLICTING_RESULTS))
                && readAsBound.contains(first.recordName());
        List<DataQualityIssue> notRead = readTogether
                ? issues.stream().filter(i -> !usedRecords.contains(i.reference())).toList() : List.of();
        List<DataQualityIssue> read = issues.stream().filter(i -> !notRead.contains(i)).toList();
        String problems = problems(read) + (notRead.isEmpty() ? "" : "; " + notReadRecords(notRead) + ", " + problems(notRead));
        return (readTogether ? "Read together" : ClinicalText.inputLabel(first)) + ": " + first.recordName() + ": "
                + problems;
    }

    private static String problems(List<DataQualityIssue> issues) {
        return issues.stream().map(DataQualityIssue::problem).distinct().collect(Collectors.joining("; "));
    }

    /** Records of the same name and date beside those read together, which were not read: "1 other not read". */
    private static String notReadRecords(List<DataQualityIssue> notRead) {
        return notRead.stream().map(DataQualityIssue::reference).distinct().count() + " other not read";
    }

    /**
     * The records (by name and date) whose conflicting results include one a shown input was made from, or one the
     * mapping read together with the others into a fact the card's decision rests on without showing it. A relapse site
     * its work-up contradicts, or relapse records of one date that give different sites, are no such result: the site
     * is not used, only the relapse's date and number are; nor are relapse records under 90 days apart, which leave the
     * number open (a relapse left unclassified by them is no value read from them).
     */
    private static Set<String> conflictsReadAsBound(List<ClinicalInput> inputs, Set<String> usedRecords) {
        return inputs.stream().filter(i -> i instanceof DataQualityIssue issue
                        && issue.code().equals(CONFLICTING_RESULTS) && !issue.isSiteContradicted()
                        && !issue.isSiteRecordsConflict() && !issue.isRelapseRecordsDaysApart()
                        && issue.recordName() != null
                        && (usedRecords.contains(issue.reference()) || issue.readTogether()))
                .map(i -> ((DataQualityIssue) i).recordName()).collect(Collectors.toSet());
    }

    /**
     * A relapse site left open beside a result of its work-up: one line between the site's issue and the result's. Where
     * the card asks for the site, the result's own line, if it has one, says it ({@link #siteOpenBeside}); elsewhere the
     * site's line, naming the result ({@link #resultOfAnOpenSite}).
     */
    private static Predicate<ClinicalInput> saidByTheOtherLine(List<ClinicalInput> inputs, Set<String> waitedFor,
                                                               boolean siteAskedFor) {
        if (siteAskedFor) {
            Set<String> resultsWithALine = resultsNamedByIssues(inputs);
            return i -> siteOpenBeside(i, resultsWithALine);
        }
        return i -> resultOfAnOpenSite(i, waitedFor);
    }

    /** The records that data-quality issues other than a relapse site left open name on their own lines. */
    private static Set<String> resultsNamedByIssues(List<ClinicalInput> inputs) {
        return inputs.stream().filter(i -> i instanceof DataQualityIssue issue && !issue.isSiteOpen())
                .map(ClinicalInput::reference).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /**
     * A relapse site left open beside a result of its work-up that has a "Not used" line of its own: where the card
     * asks for the site, whose "Missing" line says why ("relapse site (CNS status not read)"), that line says the rest.
     */
    private static boolean siteOpenBeside(ClinicalInput input, Set<String> resultsWithALine) {
        return input instanceof DataQualityIssue issue && issue.isSiteOpen() && issue.about() != null
                && resultsWithALine.contains(issue.about());
    }

    /** The results of the relapse's work-up that sites left open wait for. */
    private static Set<String> resultsOfOpenSites(List<ClinicalInput> inputs) {
        return inputs.stream().filter(i -> i instanceof DataQualityIssue issue && issue.isSiteOpen())
                .map(i -> ((DataQualityIssue) i).about()).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /**
     * An issue of a result a relapse site left open waits for: where the card does not ask for the site, the site's
     * line names the result with its date and why it is not read ("open: CNS status (2019-08-22) not read").
     */
    private static boolean resultOfAnOpenSite(ClinicalInput input, Set<String> resultsOfOpenSites) {
        return input instanceof DataQualityIssue issue && !issue.isSiteOpen() && issue.reference() != null
                && resultsOfOpenSites.contains(issue.reference());
    }

    /**
     * The record a line names: a relapse site left open, where the card asks for the site, by the result it waits for
     * (the relapse's records, two of one relapse, are one result); any other input by its own.
     */
    private static String namedRecord(ClinicalInput input, boolean siteAskedFor) {
        return siteAskedFor && input instanceof DataQualityIssue issue && issue.isSiteOpen() && issue.about() != null
                ? issue.about() : input.reference();
    }

    /**
     * A relapse without a usable date whose date a data-quality line names ("Not used: the date of Relapse, not valid
     * FHIR") needs no "Relapse date: no full date" beside it: one fault, one line.
     */
    private static boolean undatedRelapseNamedByIssue(ClinicalInput input, Set<String> datesNamedByIssues) {
        return input instanceof UnclassifiedRelapse relapse && relapse.missing().equals(UnclassifiedRelapse.DATE)
                && datesNamedByIssues.contains(relapse.reference());
    }

    /** An issue about a record's clinical date: none, a year or month only, or not valid FHIR. */
    private static boolean aboutTheDate(DataQualityIssue issue) {
        return UNDATED.contains(issue.code()) || issue.code().equals(INVALID_VALUE) && issue.detail() != null
                && issue.detail().startsWith("Observation.effective");
    }

    /**
     * A bound a rule used ("blasts &gt; 2 %" cannot say 5 % or more) is a "Because" line with its value; the
     * data-quality issue the rule raised about it must not also call it "not used".
     */
    private static boolean boundShownAsUsed(ClinicalInput input, Set<String> usedRecords) {
        return input instanceof DataQualityIssue issue && issue.code().equals(CENSORED_VALUE)
                && usedRecords.contains(issue.reference());
    }

    /**
     * The lines counted together past the first few: those of one input, or of one kind of issue. Another patient's
     * records counted among "more like these" dated after the evaluation time would go unsaid.
     */
    private static String shortenedAs(ClinicalInput input) {
        return input instanceof DataQualityIssue issue ? DATA_QUALITY + ":" + issue.code() : input.inputName();
    }

    /** The records not used that the card's top finding rests on: those its summary may name. */
    private static Set<String> recordsNotUsed(ExplainedFinding top) {
        return top.inputs().stream().filter(DataQualityIssue.class::isInstance).map(ClinicalInput::reference)
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /**
     * The lines of one input or kind of issue that {@link #shortened} will count, those that stand for a record the card
     * points to first, so that they are not counted; lines all shown keep their order.
     */
    private static Map<String, Set<String>> pointedToFirst(Map<String, Set<String>> recordsByLine, Set<String> pointedTo) {
        if (recordsByLine.size() <= LINES_PER_INPUT + 1) {
            return recordsByLine;
        }
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        recordsByLine.forEach((line, records) -> {
            if (records.stream().anyMatch(pointedTo::contains)) {
                ordered.put(line, records);
            }
        });
        recordsByLine.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /**
     * A data-quality line that stands for several records (three results of one day) says how many: "(3 records)", or
     * where it says that records conflict, "2 records conflict".
     */
    private static List<String> counted(String inputName, Map<String, Set<String>> recordsByLine) {
        return recordsByLine.entrySet().stream().map(e -> e.getValue().size() > 1 && inputName.startsWith(DATA_QUALITY + ":")
                ? counted(e.getKey(), e.getValue().size()) : e.getKey()).toList();
    }

    private static String counted(String line, int records) {
        return line.endsWith(", " + InputWords.RECORDS_CONFLICT)
                ? line.substring(0, line.length() - InputWords.RECORDS_CONFLICT.length()) + records + " "
                        + InputWords.RECORDS_CONFLICT
                : line + " (" + records + " records)";
    }

    /** Lines of one input past the first few (a long record's left-out results) are counted; the extension lists all. */
    private static List<String> shortened(List<String> sameInput) {
        if (sameInput.size() <= LINES_PER_INPUT + 1) {
            return sameInput;
        }
        List<String> shown = new ArrayList<>(sameInput.subList(0, LINES_PER_INPUT));
        shown.add("- … and " + (sameInput.size() - LINES_PER_INPUT) + " more like these (the card's extension lists them)");
        return shown;
    }

    static List<ClinicalInput> inputs(List<ExplainedFinding> findings) {
        Set<ClinicalInput> inputs = new LinkedHashSet<>();
        findings.forEach(f -> inputs.addAll(f.inputs()));
        return inputs.stream().sorted(ClinicalInput.ORDER).toList();
    }

    /**
     * "Rules: R-DX-02, R-RR-C4; R-DX-06 (Schultz KR et al.) · rule set 1.0.0 · evaluated …" (hash: extension). Each
     * source is named once: a linked one by its link, so its rules lead the line without it; the others after their
     * rules. The service's data contract is named by neither: it is no clinical source, and the card's "Not used" lines
     * say what it found; the extension keeps every rule's full source.
     */
    private static String provenance(List<ExplainedFinding> listed, CardRenderer.Context context,
                                     Set<String> linkedSources) {
        // the short name of the source the extension gives the rule, so that line and extension agree
        Map<String, String> sourceById = new LinkedHashMap<>();
        CardRenderer.ruleViews(listed).forEach(r -> sourceById.putIfAbsent(r.id(),
                ClinicalText.isDataContract(r.source()) ? "" : ClinicalText.shortSource(r.source())));
        Map<String, List<String>> idsBySource = new LinkedHashMap<>();
        idsBySource.put("", new ArrayList<>()); // the rules whose source the line does not name come first
        sourceById.forEach((id, source) -> idsBySource
                .computeIfAbsent(linkedSources.contains(source) ? "" : source, s -> new ArrayList<>()).add(id));
        String rules = idsBySource.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> String.join(", ", e.getValue()) + (e.getKey().isEmpty() ? "" : " (" + e.getKey() + ")"))
                .collect(Collectors.joining("; "));
        String ruleSet = "rule set " + context.ruleSetVersion();
        return text((rules.isEmpty() ? "" : "Rules: " + rules + " · ") + ruleSet + " · evaluated "
                + context.evaluationTime().asGiven()) + ".";
    }

    /**
     * Schemes side by side: when one finding type is on the card in two scheme families (COG and BFM), every finding
     * with a scheme becomes a cell, rows by type, the family of the card's top finding first, marked primary.
     */
    private record Table(List<String> families, boolean primaryFirst, Map<String, Map<String, String>> cells) {

        static Table of(List<ExplainedFinding> shown, ExplainedFinding top) {
            List<Finding> schemed = shown.stream().map(ExplainedFinding::finding).filter(CardTopics::ofAScheme).toList();
            if (!compares(schemed)) {
                return null;
            }
            Finding leader = schemed.stream().max(Comparator.comparingInt(Finding::priority)).orElseThrow();
            String lead = ClinicalText.family(leader.scheme());
            // Rules rank the primary scheme's finding above the other scheme's of the same type (schemePriority).
            boolean primaryFirst = schemed.stream().anyMatch(f -> f.type().equals(leader.type())
                    && !ClinicalText.family(f.scheme()).equals(lead) && f.priority() < leader.priority());
            List<String> families = new ArrayList<>(List.of(lead));
            schemed.stream().map(f -> ClinicalText.family(f.scheme())).distinct().sorted().filter(f -> !f.equals(lead))
                    .forEach(families::add);
            Map<String, Map<String, String>> cells = new LinkedHashMap<>();
            schemed.stream().sorted(Comparator.comparingInt(Table::row)).forEach(f -> cells
                    .computeIfAbsent(ClinicalText.type(f.type()), t -> new LinkedHashMap<>())
                    .putIfAbsent(ClinicalText.family(f.scheme()), ClinicalText.value(f)));
            return new Table(families, primaryFirst, cells);
        }

        /**
         * True when one finding type is there in two scheme families. Pairs compared, not grouped into maps of sets:
         * a card has a handful of findings, and most cards compare nothing.
         */
        private static boolean compares(List<Finding> schemed) {
            for (int i = 0; i < schemed.size(); i++) {
                Finding a = schemed.get(i);
                for (int j = i + 1; j < schemed.size(); j++) {
                    Finding b = schemed.get(j);
                    if (a.type().equals(b.type()) && !ClinicalText.family(a.scheme()).equals(ClinicalText.family(b.scheme()))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static final List<String> ROWS = List.of("relapse-timing", "relapse-stratum", "hsct-indication");

        /** Timing, then stratum, then HSCT: the order a relapse is reasoned about. */
        private static int row(Finding f) {
            int at = ROWS.indexOf(f.type());
            return at < 0 ? 99 : at;
        }

        String markdown() {
            StringBuilder md = new StringBuilder("| |");
            for (int i = 0; i < families.size(); i++) {
                md.append(' ').append(text(families.get(i))).append(i == 0 && primaryFirst ? " (primary)" : "").append(" |");
            }
            md.append("\n|---|").append("---|".repeat(families.size()));
            cells.forEach((row, byFamily) -> {
                md.append("\n| ").append(text(row)).append(" |");
                families.forEach(family -> md.append(' ').append(text(byFamily.getOrDefault(family, "–"))).append(" |"));
            });
            return md.toString();
        }
    }
}
