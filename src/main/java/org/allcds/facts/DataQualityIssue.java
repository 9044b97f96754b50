package org.allcds.facts;

import static org.allcds.facts.DataQualityCodes.CODE_NOT_RECOGNISED;
import static org.allcds.facts.DataQualityCodes.CONFLICTING_RESULTS;
import static org.allcds.facts.DataQualityCodes.DUPLICATE_RESOURCE;
import static org.allcds.facts.DataQualityCodes.PRELIMINARY_RESULT;

import java.time.LocalDate;

/**
 * Something in the record that the mapping could not use, e.g. {@code unit-not-convertible} or
 * {@code relapse-before-diagnosis}. {@code detail} names the element (the extension keeps it) and never carries patient
 * identifiers; {@code recordName} is the record in clinical words with its date when known ("WBC (2024-05-06)"), null
 * when the record is not known to the one that found the issue (the card then names its resource type).
 * {@code relapseOnly}: found only in reading what classifies the relapse (its site and work-up, its number, its records
 * days apart, its end-of-block-1 results, the therapy's status at it), which bears on the relapse alone, not on the
 * risk at diagnosis. {@code about}: the reference of another record the issue is about, null for none: for a relapse
 * site left open ({@link #siteOpenBeside}), the result of the work-up it waits for, so that a card names that result once.
 * {@code readTogether}: a result of one time that conflicts with the others, whose values the mapping read together
 * into one fact (counts as the range they span, a bound beside a count as at least the smallest): the record was used,
 * on a card whose decision rests on that fact without naming it too (a count below every cut-off it was compared with).
 */
public record DataQualityIssue(String code, String detail, String reference, String recordName, boolean relapseOnly,
                               String about, boolean readTogether) implements ClinicalInput {

    /**
     * The start of the detail of a relapse site that a result of the relapse's work-up contradicts (a CNS3, testicular
     * involvement; conflicting-results).
     */
    static final String SITE_CONTRADICTED_BY = "Observation.component:relapse-site contradicted by ";
    /**
     * The start of the detail of a relapse site left open beside a result of the relapse's work-up that may contradict
     * it but is not read: a CNS status in a code not recognised (code-not-recognised: it may be CNS3), or a result not
     * yet final (preliminary-result).
     */
    static final String SITE_OPEN_BESIDE = "Observation.component:relapse-site open beside ";
    /** The detail of relapse records of one date that give different sites (conflicting-results). */
    private static final String SITE = "Observation.component:relapse-site";
    /** The detail of relapse records fewer days apart than one relapse may span (conflicting-results). */
    static final String RELAPSE_DATE = "Observation.effective[x]";
    /** The marrow blasts a relapse record gives (catalogue P12): the relapse still counts when they cannot be read. */
    private static final String RELAPSE_MARROW = "Observation.component:marrow-blasts";
    /** The element the mapping names for an MRD's or a marrow count's timepoint it could not read. */
    private static final String TIMEPOINT = "Observation.component:timepoint";

    /** An issue whose record is named later, or by its resource type. */
    public DataQualityIssue(String code, String detail, String reference) {
        this(code, detail, reference, null);
    }

    /** An issue that bears on every service's question. */
    public DataQualityIssue(String code, String detail, String reference, String recordName) {
        this(code, detail, reference, recordName, false);
    }

    /** An issue about its own record alone. */
    public DataQualityIssue(String code, String detail, String reference, String recordName, boolean relapseOnly) {
        this(code, detail, reference, recordName, relapseOnly, null);
    }

    /** An issue about another record too ({@code about}), its record not read together with others. */
    public DataQualityIssue(String code, String detail, String reference, String recordName, boolean relapseOnly,
                            String about) {
        this(code, detail, reference, recordName, relapseOnly, about, false);
    }

    public String inputName() { return "dataQuality"; }
    public String displayValue() { return code + ": " + detail; }

    /** What was not used and what was wrong with it, in words: "WBC (2024-05-06), value not valid FHIR". */
    public String cardValue() { return DataQualityWords.line(this); }

    /** What {@link #cardValue()} says of the record without naming it: "value code not recognised". */
    public String problem() { return DataQualityWords.problem(this); }

    public LocalDate date() { return null; }

    /**
     * True when the issue is about a record of that name ("Genetics" for "Genetics (2024-05-08)"; "Day-8 MRD" for a
     * result named by the specimen it was measured in, "Day-8 MRD in bone marrow (2024-05-14)").
     */
    public boolean isAbout(String record) {
        return recordName != null && (recordName.equals(record) || recordName.startsWith(record + " (")
                || recordName.startsWith(record + " in "));
    }

    /** True for relapse records of different dates close enough to be one relapse, which leave its number open. */
    public boolean isRelapseRecordsDaysApart() {
        return CONFLICTING_RESULTS.equals(code) && RELAPSE_DATE.equals(detail);
    }

    /**
     * The detail of a relapse record whose site a result of the relapse's work-up contradicts ({@code result}: "CNS3
     * (2019-08-22)", "testicular involvement (2019-08-22)"): the site element, which the rules read as conflicting,
     * then what contradicts it.
     */
    public static String siteContradictedBy(String result) {
        return SITE_CONTRADICTED_BY + result;
    }

    /**
     * The detail of a relapse record whose site is left open beside a result of the relapse's work-up that was not read
     * ({@code result}: "CNS status (2019-08-22)"): the site element, which the rules read as held unsettled, then the
     * result that may contradict it.
     */
    public static String siteOpenBeside(String result) {
        return SITE_OPEN_BESIDE + result;
    }

    /**
     * True for a relapse site a result of the relapse's work-up contradicts ({@link #siteContradictedBy}) or leaves
     * open ({@link #siteOpenBeside}).
     */
    public boolean isSiteUnsettledByWorkUp() {
        return isSiteContradicted() || isSiteOpen();
    }

    /** True for a relapse site a result of the relapse's own work-up contradicts ({@link #siteContradictedBy}). */
    public boolean isSiteContradicted() {
        return detail != null && detail.startsWith(SITE_CONTRADICTED_BY);
    }

    /**
     * True for relapse records of one date that give different sites: the site is not used, the relapse's date and
     * number are.
     */
    public boolean isSiteRecordsConflict() {
        return CONFLICTING_RESULTS.equals(code) && SITE.equals(detail);
    }

    /** True for codings of one value that give different values: each code was recognised, they disagree. */
    public boolean codesDisagree() {
        return CODE_NOT_RECOGNISED.equals(code) && DataQualityWords.codingsDisagree(detail);
    }

    /** True for the marrow blasts of a relapse record, which rule relapse sites out where the site is not recorded. */
    public boolean isAboutRelapseMarrow() {
        return detail != null && detail.startsWith(RELAPSE_MARROW);
    }

    /** True for a relapse site left open beside a result of its work-up not read ({@link #siteOpenBeside}). */
    public boolean isSiteOpen() {
        return detail != null && detail.startsWith(SITE_OPEN_BESIDE);
    }

    /**
     * Why a relapse site is left open ({@link #isSiteOpen()}), as a card says it: "CNS status not read", "testis result
     * not yet final".
     */
    public String siteOpenWhy() {
        return siteOpenResult() + " " + siteOpenState();
    }

    /**
     * The result a relapse site is left open beside, with its date and why it is not read: "CNS status (2019-08-22),
     * not yet final".
     */
    public String siteOpenResultNamed() {
        return detail.substring(SITE_OPEN_BESIDE.length()) + ", " + siteOpenState();
    }

    /** What keeps the result a relapse site is left open beside from being read: "not read", "not yet final". */
    String siteOpenState() {
        return PRELIMINARY_RESULT.equals(code) ? "not yet final" : "not read";
    }

    /** What a card asks of a site left open: "await the final result", "check the CNS status". */
    public String siteOpenAsk() {
        return PRELIMINARY_RESULT.equals(code) ? "await the final result" : "check the " + siteOpenResult();
    }

    /** The result a site is left open beside, without its date: "CNS status". */
    private String siteOpenResult() {
        return detail.substring(SITE_OPEN_BESIDE.length()).replaceFirst(" \\(.*$", "");
    }

    /**
     * Copies of one record that are all the same (contract §2a D3): counting it once is all there was to do, whichever
     * copy counts. Copies that differ say so in the detail ("they differ"), whether of a patient record or a draft order.
     */
    public boolean identicalCopies() {
        return DUPLICATE_RESOURCE.equals(code) && (detail == null || !detail.contains("differ"));
    }

    /**
     * An MRD or marrow blasts result whose timepoint is not in a recognised code (a site's own code, a text, codes that
     * disagree): the result is not placed at any timepoint. Long records hold many by design (end of consolidation,
     * maintenance, before and after HSCT), which the data contract lists no code for.
     */
    public boolean timepointNotRecognised() {
        return CODE_NOT_RECOGNISED.equals(code) && detail != null && detail.startsWith(TIMEPOINT);
    }

    /** The same issue, its record named. */
    public DataQualityIssue named(String name) {
        return new DataQualityIssue(code, detail, reference, name, relapseOnly, about, readTogether);
    }

    /** The same issue, found only in reading what classifies the relapse. */
    public DataQualityIssue asRelapseOnly() {
        return new DataQualityIssue(code, detail, reference, recordName, true, about, readTogether);
    }

    /** The same issue, its record read together with the others of its time ({@link #readTogether()}). */
    public DataQualityIssue asReadTogether() {
        return new DataQualityIssue(code, detail, reference, recordName, relapseOnly, about, true);
    }
}
