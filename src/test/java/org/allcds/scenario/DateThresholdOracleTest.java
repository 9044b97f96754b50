package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleSet;
import org.allcds.facts.AgeAtEvaluation;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.fixtures.RuleFolders;
import org.allcds.mapping.CalendarZone;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.scenario.CatalogueDates.CartProfile;
import org.allcds.scenario.CatalogueDates.Therapy;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The date and age thresholds against an independent oracle ({@link CatalogueDates}, java.time straight from the
 * catalogue): patient records built on the base patients, with dates from a seeded generator and forced edge dates
 * (month ends, 29 February births and diagnoses, exactly N months or years, the day before and after, E1, E2, E7, E9),
 * go through the service's own evaluation on the shared bundled rule set, and what the findings say of the age (NCI
 * group, infant, COG rows f and i) and of the relapse timing (COG, BFM) must be what the catalogue says. So must the
 * label age limits (CAR-T up to 25 completed years, from 2 in the EMA-style profile; blinatumomab from one month) at the
 * evaluation time, on the relapse and risk cards and at order time. A failure lists each record's dates; the fixed
 * seed makes it reproduce.
 */
class DateThresholdOracleTest {

    private static final long SEED = 20260228L;
    private static final String LOCAL = "https://all-cds.org/fhir/CodeSystem/all-cds";
    private static final String ASSERTED_DATE_URL = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";
    private static final DateTimeFormatter FHIR_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.ofHours(-10), ZoneOffset.ofHours(-5),
            ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(9),
            ZoneOffset.ofHours(13));

    /** Births whose anniversaries fall on a month end, a 29 February, or next to one (E1: 2016-02-29). */
    private static final List<LocalDate> EDGE_BIRTHS = dates("2016-02-29", "2012-02-29", "2008-02-29", "2011-02-28",
            "2011-03-01", "2011-01-31", "2010-08-31", "2013-03-31", "2009-12-31");
    /** Diagnoses whose 18- and 36-month anniversaries are clamped to a month end (E2: 2019-08-31) or fall on one. */
    private static final List<LocalDate> EDGE_DIAGNOSES = dates("2019-08-31", "2016-02-29", "2020-02-29", "2017-01-31",
            "2018-10-31", "2015-03-31");
    /** Ends of front-line therapy whose 6-month anniversary is clamped or falls on 29 February. */
    private static final List<LocalDate> EDGE_THERAPY_ENDS = dates("2017-08-31", "2019-08-31", "2018-02-28",
            "2020-02-29", "2016-05-31", "2021-03-31");

    /** The ages in years at which the NCI group, the infant stratum or the COG row changes. */
    private static final List<Integer> AGE_CUT_OFFS = List.of(CatalogueDates.INFANT_YEARS,
            CatalogueDates.NCI_HIGH_RISK_YEARS, CatalogueDates.COG_VERY_HIGH_RISK_YEARS);
    /** Births whose 2nd and 26th birthdays fall on 28 February or next to a month end (C-01). */
    private static final List<LocalDate> EDGE_CART_BIRTHS = dates("2000-02-29", "2004-02-29", "1999-02-28",
            "1999-03-01", "1998-01-31", "2001-08-31", "1997-12-31");
    /** The ages in years at which a CAR-T label profile opens (EMA-style, 2) or closes (both, the 26th birthday). */
    private static final List<Integer> CART_AGE_CUT_OFFS = List.of(CatalogueDates.CART_EMA_MIN_AGE_YEARS,
            CatalogueDates.CART_MAX_AGE_YEARS + 1);
    /** Births whose first month ends clamped (31 January to 28 or 29 February, 31 March to 30 April) or not. */
    private static final List<LocalDate> EDGE_INFANT_BIRTHS = dates("2019-01-31", "2020-01-31", "2019-03-31",
            "2019-05-31", "2019-08-31", "2019-10-31", "2019-12-31", "2020-02-29", "2019-02-28", "2021-07-15");

    /** The records drawn at random for each label age test, beside its edge cases. */
    private static final int RANDOM_AGE_CASES = 24;
    /** A finding not met that rests on the age at evaluation, as the oracle and the comparison write it. */
    private static final String BY_AGE = " by age";
    private static final JsonNode CART_ORDER = draftOrder("http://www.whocc.no/atc", "L01XL04");
    private static final JsonNode BLINATUMOMAB_ORDER = draftOrder("http://www.nlm.nih.gov/research/umls/rxnorm",
            "1597258");

    private final RuleSet rules = BundledRuleSet.get();
    private final PatientEvaluator evaluator = EvaluationAssembly.standalone();
    private final BasePatients bases = new BasePatients(RuleFolders.RULES.resolve(ScenarioReader.TESTS_DIR));
    private final LocalPrefetch prefetch = new LocalPrefetch();

    @Test
    void ageAtDiagnosis_givesTheCataloguesNciGroupInfantAndCogRow() {
        Random random = new Random(SEED);
        List<RiskCase> cases = new ArrayList<>(riskEdges(random));
        for (int i = 0; i < 40; i++) {
            cases.add(randomRiskCase(random));
        }
        List<String> disagreements = new ArrayList<>();
        Set<String> expectedSeen = new TreeSet<>();
        for (RiskCase c : cases) {
            List<String> expected = expected(c);
            List<String> actual = compared(findings("ped-all-risk", riskRecord(c), c.evaluationDate(),
                    c.writing()), "nci-risk", "infant", "risk-group");
            expectedSeen.addAll(expected);
            if (!actual.equals(expected)) {
                disagreements.add(c + ": catalogue " + expected + ", service " + actual);
            }
        }
        assertThat(disagreements).as("records where the service and the catalogue disagree").isEmpty();
        assertThat(expectedSeen).as("every age class drawn").contains("nci-risk NCI INFANT", "nci-risk NCI STANDARD",
                "nci-risk NCI HIGH", "infant - PRESENT", "risk-group COG_AALL08B1 LOW", "risk-group COG_AALL08B1 HIGH",
                "risk-group COG_AALL08B1 VERY_HIGH");
    }

    @Test
    void relapseDates_giveTheCataloguesCogAndBfmTiming() {
        Random random = new Random(SEED);
        List<RelapseCase> cases = new ArrayList<>(diagnosisAnniversaryEdges(random));
        cases.addAll(therapyEndEdges(random));
        for (int i = 0; i < 100; i++) {
            cases.add(randomRelapseCase(random));
        }
        List<String> disagreements = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        Set<String> expectedSeen = new TreeSet<>();
        for (RelapseCase c : cases) {
            Optional<List<String>> expected = expected(c);
            if (expected.isEmpty()) {
                undecided.add(c.toString());
                continue;
            }
            List<String> actual = compared(
                    findings("ped-all-relapse", relapseRecord(c), c.evaluationDate(), c.writing()), "relapse-timing");
            expected.get().forEach(e -> expectedSeen.add(e.startsWith("relapse-timing COG")
                    ? e + (c.site().marrow ? " marrow" : " isolated extramedullary") : e));
            if (!actual.equals(expected.get())) {
                disagreements.add(c + ": catalogue " + expected.get() + ", service " + actual);
            }
        }
        assertThat(disagreements).as("records where the service and the catalogue disagree").isEmpty();
        assertThat(undecided).as("records the catalogue gives two BFM classes (not drawn on purpose)").isEmpty();
        assertThat(expectedSeen).as("every timing class drawn").contains("relapse-timing COG EARLY marrow",
                "relapse-timing COG LATE marrow", "relapse-timing COG EARLY isolated extramedullary",
                "relapse-timing COG LATE isolated extramedullary", "relapse-timing BFM VERY_EARLY",
                "relapse-timing BFM EARLY", "relapse-timing BFM LATE",
                "relapse-timing BFM INDETERMINATE missing [end-of-frontline-therapy]");
    }

    @Test
    void ageAtEvaluation_givesTheCataloguesCarTLabel_onTheRelapseCardAndAtOrderTime() {
        Comparison comparison = new Comparison();
        for (AgeCase<CartCourse> c : drawn(DateThresholdOracleTest::cartAgeEdges, DateThresholdOracleTest::randomCartCase)) {
            PatientData record = cartRecord(c);
            comparison.add("relapse card", c, expectedCard(c), labelCompared(
                    explained("ped-all-relapse", record, c.evaluation(), c.writing(), null), "cart-eligibility"));
            comparison.add("order", c, expectedOrder(c), labelCompared(
                    explained("ped-all-orders", record, c.evaluation(), c.writing(), CART_ORDER), "order-check",
                    "cart-eligibility"));
        }
        assertThat(comparison.disagreements).as("records where the service and the catalogue disagree").isEmpty();
        assertThat(comparison.expectedSeen).as("every label outcome drawn").contains(
                "relapse card: cart-eligibility FDA MET", "relapse card: cart-eligibility EMA MET",
                "relapse card: cart-eligibility FDA NOT_MET by age", "relapse card: cart-eligibility EMA NOT_MET by age",
                "relapse card: cart-eligibility FDA NOT_MET", "order: nothing",
                "order: order-check CART_PRODUCT LABEL_NOT_MET by age");
    }

    @Test
    void ageAtEvaluation_givesTheCataloguesBlinatumomabIndication_onTheCardsAndAtOrderTime() {
        Comparison comparison = new Comparison();
        for (AgeCase<Remission> c : drawn(DateThresholdOracleTest::blinatumomabAgeEdges,
                DateThresholdOracleTest::randomBlinatumomabCase)) {
            boolean met = CatalogueDates.blinatumomabAgeMet(c.birth(), c.evaluationDate());
            List<String> indication = met ? List.of("blinatumomab-mrd-indication FDA MET") : List.of();
            if (c.variant() == Remission.CR2) {
                comparison.add("relapse card", c, indication, labelCompared(explained("ped-all-relapse",
                        secondRemissionRecord(c), c.evaluation(), c.writing(), null), "blinatumomab-mrd-indication"));
                continue;
            }
            PatientData record = firstRemissionRecord(c);
            comparison.add("risk card", c, indication, labelCompared(
                    explained("ped-all-risk", record, c.evaluation(), c.writing(), null), "blinatumomab-mrd-indication"));
            comparison.add("order", c, met ? List.of() : List.of("order-check BLINATUMOMAB LABEL_NOT_MET" + BY_AGE),
                    labelCompared(explained("ped-all-orders", record, c.evaluation(), c.writing(), BLINATUMOMAB_ORDER),
                            "order-check", "blinatumomab-mrd-indication"));
        }
        assertThat(comparison.disagreements).as("records where the service and the catalogue disagree").isEmpty();
        assertThat(comparison.expectedSeen).as("every indication outcome drawn").contains(
                "risk card: blinatumomab-mrd-indication FDA MET", "risk card: nothing",
                "relapse card: blinatumomab-mrd-indication FDA MET", "relapse card: nothing", "order: nothing",
                "order: order-check BLINATUMOMAB LABEL_NOT_MET by age");
    }

    // ----------------------------------------------------------------------------------------------- the oracle's side

    private static List<String> expected(RiskCase c) {
        LocalDate diagnosis = c.diagnosisDate();
        String nci = CatalogueDates.nciRisk(c.birth(), diagnosis);
        List<String> expected = new ArrayList<>(List.of("nci-risk NCI " + nci,
                "risk-group COG_AALL08B1 " + CatalogueDates.cogRiskGroup(c.birth(), diagnosis)));
        if (nci.equals("INFANT")) {
            expected.add("infant - PRESENT");
        }
        return expected.stream().sorted().toList();
    }

    /** Empty when the catalogue gives the relapse two BFM classes. */
    private static Optional<List<String>> expected(RelapseCase c) {
        LocalDate diagnosis = c.diagnosisDate();
        LocalDate relapse = c.relapseDate();
        return CatalogueDates.bfmTiming(diagnosis, relapse, c.therapy().asRead(c.writing().zone))
                .map(bfm -> List.of("relapse-timing BFM " + bfm,
                        "relapse-timing COG " + CatalogueDates.cogTiming(diagnosis, relapse, c.site().marrow)));
    }

    /** R-TX-CART-01 in each profile, the course of the record and the age at the evaluation time's date. */
    private static List<String> expectedCard(AgeCase<CartCourse> c) {
        return Stream.of(CartProfile.values()).map(p -> "cart-eligibility " + p + " " + CatalogueDates.cartEligibility(
                p, c.variant().qualifies(p), c.birth(), c.evaluationDate())).sorted().toList();
    }

    /**
     * At order time (the order-sign call's evaluation time): nothing where a profile meets the label (the order fits),
     * else the order's warning, resting on the age where a profile is not met because of it, and the label checks it
     * rests on.
     */
    private static List<String> expectedOrder(AgeCase<CartCourse> c) {
        List<String> checks = expectedCard(c);
        if (checks.stream().anyMatch(e -> e.endsWith(" MET"))) {
            return List.of();
        }
        boolean byAge = checks.stream().anyMatch(e -> e.endsWith(BY_AGE));
        return Stream.concat(checks.stream(), Stream.of("order-check CART_PRODUCT LABEL_NOT_MET" + (byAge ? BY_AGE : "")))
                .sorted().toList();
    }

    // ---------------------------------------------------------------------------------------------- the service's side

    private List<Finding> findings(String service, PatientData data, LocalDate at, Writing writing) {
        return explained(service, data, at.toString(), writing, null).stream().map(ExplainedFinding::finding).toList();
    }

    /**
     * The service's findings at the evaluation time {@code at}, a FHIR date or dateTime read as the service reads it
     * (E9: in the site's zone when the writing has one), with an order-sign call's hook {@code context} (or null).
     */
    private List<ExplainedFinding> explained(String service, PatientData data, String at, Writing writing,
                                             JsonNode context) {
        CalendarZone zone = CalendarZone.of(writing.zone);
        var input = new PatientEvaluator.Input(data, EvaluationTimes.parse(at, zone), null, context);
        return evaluator.inZone(zone).evaluate(rules, rules.services().find(service).orElseThrow(), input).findings();
    }

    /**
     * The label findings of the compared types, each not met marked {@link #BY_AGE} when the age at evaluation is among
     * the inputs it rests on, and every data-quality finding (the records are clean).
     */
    private static List<String> labelCompared(List<ExplainedFinding> findings, String... types) {
        Set<String> compared = Set.of(types);
        return findings.stream().filter(e -> compared.contains(e.finding().type())
                        || e.finding().type().equals("data-quality"))
                .map(e -> {
                    Finding f = e.finding();
                    boolean byAge = f.value().endsWith("NOT_MET")
                            && e.inputs().stream().anyMatch(AgeAtEvaluation.class::isInstance);
                    return f.type() + " " + (f.scheme() == null ? "-" : f.scheme()) + " " + f.value()
                            + (f.missing().isEmpty() ? "" : " missing " + f.missing()) + (byAge ? BY_AGE : "");
                })
                .sorted().toList();
    }

    /** Each record where the service and the oracle disagree, and every outcome expected, by where it was read. */
    private static final class Comparison {

        final List<String> disagreements = new ArrayList<>();
        final Set<String> expectedSeen = new TreeSet<>();

        void add(String where, Object record, List<String> expected, List<String> actual) {
            if (expected.isEmpty()) {
                expectedSeen.add(where + ": nothing");
            }
            expected.forEach(e -> expectedSeen.add(where + ": " + e));
            if (!actual.equals(expected)) {
                disagreements.add(record + " " + where + ": catalogue " + expected + ", service " + actual);
            }
        }
    }

    /**
     * The findings of the compared types as the oracle writes them, and every data-quality finding: the records are
     * clean, so one would be a disagreement too.
     */
    private static List<String> compared(List<Finding> findings, String... types) {
        Set<String> compared = Set.of(types);
        return findings.stream().filter(f -> compared.contains(f.type()) || f.type().equals("data-quality"))
                .map(f -> f.type() + " " + (f.scheme() == null ? "-" : f.scheme()) + " " + f.value()
                        + (f.missing().isEmpty() ? "" : " missing " + f.missing()))
                .sorted().toList();
    }

    private PatientData record(String scenarioInput) {
        return new PatientData(prefetch.resources(bases.bundle(ScenarioReader.YAML.readTree(scenarioInput)),
                "differential record"));
    }

    // ---------------------------------------------------------------------------------------------------- risk records

    /** Worked example A (B-ALL, WBC 8, ETV6::RUNX1, CNS1, MRD negative), born and diagnosed on other dates. */
    private record RiskCase(String why, LocalDate birth, DiagnosisField field, String diagnosis, Writing writing) {

        LocalDate diagnosisDate() {
            return CatalogueDates.calendarDate(diagnosis, writing.zone);
        }

        /** After the whole work-up: the end-of-induction MRD, 28 days after the diagnosis. */
        LocalDate evaluationDate() {
            return diagnosisDate().plusDays(40);
        }

        @Override
        public String toString() {
            return why + " (born " + birth + ", diagnosed " + writing.shown(diagnosis) + " in " + field + ", " + writing
                    + ")";
        }
    }

    private PatientData riskRecord(RiskCase c) {
        LocalDate dx = c.diagnosisDate();
        return workedExampleA(c.birth(), c.field(), c.diagnosis(), dx, c.evaluationDate(), "");
    }

    /**
     * Worked example A born {@code birth} and diagnosed {@code diagnosis} (as written in {@code field}; its calendar
     * date {@code dx}), its work-up dated after the diagnosis as the base dates it, yet never after {@code at}, the
     * evaluation date; {@code eoiMrd} adds to the end-of-induction MRD's changes.
     */
    private PatientData workedExampleA(LocalDate birth, DiagnosisField field, String diagnosis, LocalDate dx,
                                       LocalDate at, String eoiMrd) {
        return record("""
                base: b-all-girl-4y
                change:
                %s
                  lineage: {effectiveDateTime: '%s'}
                  cns: {effectiveDateTime: '%s'}
                  genetics: {effectiveDateTime: '%s'}
                  day8-mrd: {effectiveDateTime: '%s'}
                  eoi-mrd: {effectiveDateTime: '%s'%s}
                """.formatted(bornAndDiagnosed(birth, field, diagnosis, dx), earlier(dx.plusDays(1), at),
                earlier(dx.plusDays(1), at), earlier(dx.plusDays(2), at), earlier(dx.plusDays(7), at),
                earlier(dx.plusDays(28), at), eoiMrd));
    }

    /**
     * The changes of a base patient that give its birth, its diagnosis in the Condition's {@code field} (as written)
     * and its WBC at diagnosis.
     */
    private static String bornAndDiagnosed(LocalDate birth, DiagnosisField field, String diagnosis,
                                           LocalDate diagnosisDate) {
        return """
                  p1: {birthDate: '%s'}
                  diagnosis: %s
                  wbc: {effectiveDateTime: '%s'}
                """.formatted(birth, field.change(diagnosis), diagnosisDate).stripTrailing();
    }

    /** Where the diagnosis Condition carries the diagnosis date (data-contract I2, clinical-rules C-03). */
    private enum DiagnosisField {
        ASSERTED_DATE, ONSET_DATE_TIME, RECORDED_DATE;

        static DiagnosisField any(Random random) {
            return values()[random.nextInt(values().length)];
        }

        /** The Condition's change: the date in this field alone (the base's assertedDate removed for the others). */
        String change(String date) {
            return switch (this) {
                case ASSERTED_DATE -> "{extension: [{url: '%s', valueDateTime: '%s'}]}"
                        .formatted(ASSERTED_DATE_URL, date);
                case ONSET_DATE_TIME -> "{extension: null, onsetDateTime: '" + date + "'}";
                case RECORDED_DATE -> "{extension: null, recordedDate: '" + date + "'}";
            };
        }
    }

    /** Diagnosed on the 1st, 10th and 13th anniversary of each edge birth, the day before and the day after. */
    private static List<RiskCase> riskEdges(Random random) {
        List<RiskCase> cases = new ArrayList<>();
        for (LocalDate birth : EDGE_BIRTHS) {
            for (int years : AGE_CUT_OFFS) {
                for (int days = -1; days <= 1; days++) {
                    Writing writing = Writing.any(random);
                    LocalDate diagnosis = birth.plusYears(years).plusDays(days);
                    cases.add(new RiskCase(years + " years " + signed(days) + " days", birth,
                            DiagnosisField.any(random), writing.write(diagnosis, random), writing));
                }
            }
        }
        return cases;
    }

    /** A birth date, and a diagnosis within three days of an age cut-off or at any age from 1 month to 17 years. */
    private static RiskCase randomRiskCase(Random random) {
        LocalDate birth = someDate(random, LocalDate.of(2000, 1, 1), LocalDate.of(2022, 12, 31));
        boolean nearCutOff = random.nextBoolean();
        LocalDate diagnosis = nearCutOff
                ? birth.plusYears(AGE_CUT_OFFS.get(random.nextInt(AGE_CUT_OFFS.size()))).plusDays(random.nextInt(7) - 3)
                : someDate(random, birth.plusMonths(1), birth.plusYears(17));
        Writing writing = Writing.any(random);
        return new RiskCase(nearCutOff ? "random near a cut-off" : "random", birth, DiagnosisField.any(random),
                writing.write(diagnosis, random), writing);
    }

    // ------------------------------------------------------------------------------------------------- relapse records

    /** The relapse sites of data-contract I10, and whether the marrow is involved (R-REL-01). */
    private enum Site {
        ISOLATED_MARROW("isolated-marrow", true), COMBINED("combined", true), ISOLATED_CNS("isolated-cns", false),
        ISOLATED_OTHER("isolated-other-extramedullary", false);

        final String code;
        final boolean marrow;

        Site(String code, boolean marrow) {
            this.code = code;
            this.marrow = marrow;
        }

        static Site any(Random random, boolean marrow) {
            List<Site> kind = Stream.of(values()).filter(s -> s.marrow == marrow).toList();
            return kind.get(random.nextInt(kind.size()));
        }
    }

    /** The front-line therapy record (data-contract I11): none, in progress (planned end or none: E7), completed. */
    private record TherapyRecord(String status, String end) {

        static final TherapyRecord NONE = new TherapyRecord(null, null);

        Therapy asRead(ZoneId zone) {
            if (status == null) {
                return Therapy.NOT_RECORDED;
            }
            return status.equals("in-progress") ? Therapy.IN_PROGRESS
                    : Therapy.completed(CatalogueDates.calendarDate(end, zone));
        }

        @Override
        public String toString() {
            return status == null ? "no front-line therapy record" : status + (end == null ? "" : " ending " + end);
        }

        String shown(Writing writing) {
            return status == null || end == null ? toString() : status + " ending " + writing.shown(end);
        }
    }

    /** A first relapse of worked example C's patient, diagnosed, relapsed and treated then. */
    private record RelapseCase(String why, DiagnosisField field, String diagnosis, String relapse, Site site,
                               TherapyRecord therapy, Writing writing) {

        LocalDate diagnosisDate() {
            return CatalogueDates.calendarDate(diagnosis, writing.zone);
        }

        LocalDate relapseDate() {
            return CatalogueDates.calendarDate(relapse, writing.zone);
        }

        /** After every date of the record: the block-1 MRD and a completed therapy's end. */
        LocalDate evaluationDate() {
            LocalDate after = relapseDate().plusDays(60);
            if ("completed".equals(therapy.status())) {
                LocalDate end = CatalogueDates.calendarDate(therapy.end(), writing.zone).plusDays(1);
                return end.isAfter(after) ? end : after;
            }
            return after;
        }

        @Override
        public String toString() {
            return why + " (diagnosed " + writing.shown(diagnosis) + " in " + field + ", " + site.code + " relapse "
                    + writing.shown(relapse) + ", " + therapy.shown(writing) + ", " + writing + ")";
        }
    }

    private PatientData relapseRecord(RelapseCase c) {
        LocalDate dx = c.diagnosisDate();
        TherapyRecord therapy = c.therapy();
        String therapyChange = therapy.status() == null ? ""
                : "  frontline-therapy: {status: %s, performedPeriod: {start: '%s', end: %s}}".formatted(
                        therapy.status(), dx.plusDays(1), therapy.end() == null ? "null" : "'" + therapy.end() + "'");
        return record("""
                base: late-marrow-relapse
                change:
                %s
                  genetics: {effectiveDateTime: '%s'}
                %s
                  relapse:
                    effectiveDateTime: '%s'
                    component:
                      - code: {coding: [{system: '%s', code: relapse-site}]}
                        valueCodeableConcept: {coding: [{system: '%s', code: %s}]}
                  block1-mrd: {effectiveDateTime: '%s'}
                remove: [day8-mrd, eoi-mrd%s]
                """.formatted(bornAndDiagnosed(dx.minusYears(6), c.field(), c.diagnosis(), dx), dx.plusDays(2),
                therapyChange,
                c.relapse(), LOCAL, LOCAL, c.site().code, c.relapseDate().plusDays(35),
                therapy.status() == null ? ", frontline-therapy" : ""));
    }

    /**
     * Relapses on the 18-month (isolated extramedullary and marrow) and 36-month (marrow) anniversaries of each edge
     * diagnosis, the day before and the day after, with any front-line therapy record.
     */
    private static List<RelapseCase> diagnosisAnniversaryEdges(Random random) {
        List<RelapseCase> cases = new ArrayList<>();
        record CutOff(int months, boolean marrow) {
        }
        List<CutOff> cutOffs = List.of(new CutOff(CatalogueDates.COG_IEM_LATE_MONTHS, false),
                new CutOff(CatalogueDates.BFM_VERY_EARLY_MONTHS, true),
                new CutOff(CatalogueDates.COG_MARROW_LATE_MONTHS, true));
        for (LocalDate diagnosis : EDGE_DIAGNOSES) {
            for (CutOff cutOff : cutOffs) {
                for (int days = -1; days <= 1; days++) {
                    LocalDate relapse = diagnosis.plusMonths(cutOff.months()).plusDays(days);
                    cases.add(relapseCase(random, cutOff.months() + " months " + signed(days) + " days", diagnosis,
                            relapse, Site.any(random, cutOff.marrow()), anyTherapyEnd(random, diagnosis)));
                }
            }
        }
        return cases;
    }

    /** Relapses on the 6-month anniversary of each edge end of therapy, the day before and the day after. */
    private static List<RelapseCase> therapyEndEdges(Random random) {
        List<RelapseCase> cases = new ArrayList<>();
        for (LocalDate end : EDGE_THERAPY_ENDS) {
            // a therapy of 18 to 37 months (never ended sooner than 18 months after the diagnosis: anyTherapyEnd)
            LocalDate diagnosis = end.minusMonths(18 + random.nextInt(19)).minusDays(random.nextInt(28));
            for (int days = -1; days <= 1; days++) {
                LocalDate relapse = end.plusMonths(CatalogueDates.BFM_LATE_MONTHS_AFTER_END).plusDays(days);
                cases.add(relapseCase(random, "6 months after the end of therapy " + signed(days) + " days", diagnosis,
                        relapse, Site.any(random, random.nextBoolean()), Optional.of(end)));
            }
        }
        return cases;
    }

    /**
     * A diagnosis (a third of them on a month end), a front-line therapy record, and a relapse within three days of a
     * cut-off (18 or 36 months after the diagnosis, 6 months after a completed therapy) or at any time from 2 months
     * to 8 years after the diagnosis.
     */
    private static RelapseCase randomRelapseCase(Random random) {
        LocalDate diagnosis = someDate(random, LocalDate.of(2010, 1, 1), LocalDate.of(2022, 12, 31));
        if (random.nextInt(3) == 0) {
            diagnosis = YearMonth.from(diagnosis).atEndOfMonth();
        }
        Optional<LocalDate> end = anyTherapyEnd(random, diagnosis);
        List<LocalDate> cutOffs = new ArrayList<>(List.of(diagnosis.plusMonths(CatalogueDates.BFM_VERY_EARLY_MONTHS),
                diagnosis.plusMonths(CatalogueDates.COG_MARROW_LATE_MONTHS)));
        end.ifPresent(e -> cutOffs.add(e.plusMonths(CatalogueDates.BFM_LATE_MONTHS_AFTER_END)));
        boolean nearCutOff = random.nextBoolean();
        LocalDate relapse = nearCutOff
                ? cutOffs.get(random.nextInt(cutOffs.size())).plusDays(random.nextInt(7) - 3)
                : someDate(random, diagnosis.plusMonths(2), diagnosis.plusYears(8));
        return relapseCase(random, nearCutOff ? "random near a cut-off" : "random", diagnosis, relapse,
                Site.any(random, random.nextBoolean()), end);
    }

    /**
     * The end of a completed front-line therapy of 18 to 40 months, or empty for a therapy not completed. (A therapy
     * completed sooner could give a relapse both BFM very early and late, which the catalogue does not order.)
     */
    private static Optional<LocalDate> anyTherapyEnd(Random random, LocalDate diagnosis) {
        if (random.nextBoolean()) {
            return Optional.empty();
        }
        return Optional.of(diagnosis.plusMonths(18 + random.nextInt(23)).plusDays(random.nextInt(28)));
    }

    /**
     * The case written in one of the ways of {@link Writing}; without a completed end, a therapy not recorded, in
     * progress, or in progress with a planned end after the evaluation (E7).
     */
    private static RelapseCase relapseCase(Random random, String why, LocalDate diagnosis, LocalDate relapse, Site site,
                                           Optional<LocalDate> completedEnd) {
        Writing writing = Writing.any(random);
        TherapyRecord therapy = completedEnd.map(end -> new TherapyRecord("completed", writing.write(end, random)))
                .orElseGet(() -> switch (random.nextInt(3)) {
                    case 0 -> TherapyRecord.NONE;
                    case 1 -> new TherapyRecord("in-progress", null);
                    default -> new TherapyRecord("in-progress",
                            writing.write(relapse.plusDays(90 + random.nextInt(400)), random));
                });
        return new RelapseCase(why, DiagnosisField.any(random), writing.write(diagnosis, random),
                writing.write(relapse, random), site, therapy, writing);
    }

    // ---------------------------------------------------------------------------------------------- label age records

    /** The disease courses drawn for R-TX-CART-01: one every profile takes, one the EMA-style profile alone takes. */
    private enum CartCourse {
        SECOND_RELAPSE(true), FIRST_RELAPSE_AFTER_HSCT(false);

        final boolean fdaTakes;

        CartCourse(boolean fdaTakes) {
            this.fdaTakes = fdaTakes;
        }

        boolean qualifies(CartProfile profile) {
            return profile == CartProfile.EMA || fdaTakes;
        }
    }

    /**
     * A child born {@code birth}, in the {@code variant} drawn (a disease course, a remission), evaluated at
     * {@code evaluation} as {@code writing} writes it (E9).
     */
    private record AgeCase<V extends Enum<V>>(String why, LocalDate birth, V variant, String evaluation,
                                              Writing writing) {

        static <V extends Enum<V>> AgeCase<V> of(Random random, String why, LocalDate birth, V variant, LocalDate at) {
            Writing writing = Writing.any(random);
            return new AgeCase<>(why, birth, variant, writing.write(at, random), writing);
        }

        LocalDate evaluationDate() {
            return CatalogueDates.calendarDate(evaluation, writing.zone);
        }

        @Override
        public String toString() {
            return why + " (born " + birth + ", " + variant + ", evaluated " + writing.shown(evaluation) + ", "
                    + writing + ")";
        }
    }

    /** The edge cases, then {@link #RANDOM_AGE_CASES} at random, from one generator of the fixed seed. */
    private static <V extends Enum<V>> List<AgeCase<V>> drawn(Function<Random, List<AgeCase<V>>> edges,
                                                              Function<Random, AgeCase<V>> any) {
        Random random = new Random(SEED);
        List<AgeCase<V>> cases = new ArrayList<>(edges.apply(random));
        for (int i = 0; i < RANDOM_AGE_CASES; i++) {
            cases.add(any.apply(random));
        }
        return cases;
    }

    /**
     * Diagnosed 15 months before the evaluation (so from 15 months of age), front-line therapy for 5 months, then a
     * relapse 6 months after the diagnosis and another 30 days before the evaluation, or an allogeneic HSCT 6 months
     * after the diagnosis and a first relapse 30 days before the evaluation.
     */
    private PatientData cartRecord(AgeCase<CartCourse> c) {
        LocalDate dx = c.evaluationDate().minusMonths(15);
        LocalDate lastRelapse = c.evaluationDate().minusDays(30);
        boolean second = c.variant() == CartCourse.SECOND_RELAPSE;
        String added = second ? relapseObservation("second-relapse", lastRelapse)
                : "{resourceType: Procedure, id: hsct, status: completed, subject: {reference: Patient/p1}, code: "
                        + "{coding: [{system: '" + LOCAL + "', code: allogeneic-hsct}]}, performedDateTime: '"
                        + dx.plusMonths(6) + "'}";
        return record("""
                base: late-marrow-relapse
                change:
                %s
                  genetics: {effectiveDateTime: '%s'}
                  frontline-therapy: {performedPeriod: {start: '%s', end: '%s'}}
                  relapse: {effectiveDateTime: '%s'}
                remove: [day8-mrd, eoi-mrd, block1-mrd]
                add:
                  - %s
                """.formatted(bornAndDiagnosed(c.birth(), DiagnosisField.ASSERTED_DATE, dx.toString(), dx),
                dx.plusDays(2), dx.plusDays(1), dx.plusMonths(5), second ? dx.plusMonths(6) : lastRelapse, added));
    }

    private static String relapseObservation(String id, LocalDate date) {
        return ("{resourceType: Observation, id: %s, status: final, subject: {reference: Patient/p1}, code: {coding: "
                + "[{system: '%s', code: relapse}]}, effectiveDateTime: '%s', component: [{code: {coding: [{system: "
                + "'%s', code: relapse-site}]}, valueCodeableConcept: {coding: [{system: '%s', code: isolated-marrow}]}}]}")
                .formatted(id, LOCAL, date, LOCAL, LOCAL);
    }

    /** Evaluated on the 2nd and 26th birthday of each edge birth, the day before and the day after. */
    private static List<AgeCase<CartCourse>> cartAgeEdges(Random random) {
        List<AgeCase<CartCourse>> cases = new ArrayList<>();
        for (LocalDate birth : EDGE_CART_BIRTHS) {
            for (int years : CART_AGE_CUT_OFFS) {
                for (int days = -1; days <= 1; days++) {
                    cases.add(cartCase(random, years + " years " + signed(days) + " days", birth,
                            birth.plusYears(years).plusDays(days)));
                }
            }
        }
        return cases;
    }

    /** A birth date, and an evaluation within three days of a cut-off or at any age from 16 months to 30 years. */
    private static AgeCase<CartCourse> randomCartCase(Random random) {
        LocalDate birth = someDate(random, LocalDate.of(1992, 1, 1), LocalDate.of(2016, 12, 31));
        boolean nearCutOff = random.nextBoolean();
        LocalDate at = nearCutOff
                ? birth.plusYears(CART_AGE_CUT_OFFS.get(random.nextInt(CART_AGE_CUT_OFFS.size())))
                        .plusDays(random.nextInt(7) - 3)
                : someDate(random, birth.plusMonths(16), birth.plusYears(30));
        return cartCase(random, nearCutOff ? "random near a cut-off" : "random", birth, at);
    }

    private static AgeCase<CartCourse> cartCase(Random random, String why, LocalDate birth, LocalDate at) {
        return AgeCase.of(random, why, birth, CartCourse.values()[random.nextInt(CartCourse.values().length)], at);
    }

    /** Where the MRD indication is read: first remission (R-DX-15, risk card) or second (R-TX-BLIN-01, relapse card). */
    private enum Remission {
        CR1, CR2;

        /**
         * A second remission needs a relapse at least 28 days after the diagnosis and a block-1 MRD after it, so a child
         * evaluated within 29 days of birth has none.
         */
        static boolean secondPossible(LocalDate birth, LocalDate at) {
            return !at.isBefore(birth.plusDays(29));
        }
    }

    /**
     * Worked example A with an end-of-induction MRD of 0.5 %, diagnosed 40 days before the evaluation or, for a
     * younger child, at birth; no result dated after the evaluation.
     */
    private PatientData firstRemissionRecord(AgeCase<Remission> c) {
        LocalDate at = c.evaluationDate();
        LocalDate dx = later(c.birth(), at.minusDays(40));
        return workedExampleA(c.birth(), DiagnosisField.ASSERTED_DATE, dx.toString(), dx, at,
                ", valueQuantity: {value: 0.5}");
    }

    /**
     * Worked example C with a block-1 MRD of 0.5 % (blasts not recorded: CR2 assumed), on front-line therapy,
     * diagnosed 10 months before the evaluation or at birth, relapsed 45 days before it or 28 days after the diagnosis.
     */
    private PatientData secondRemissionRecord(AgeCase<Remission> c) {
        LocalDate at = c.evaluationDate();
        LocalDate dx = later(c.birth(), at.minusMonths(10));
        LocalDate relapse = later(dx.plusDays(28), at.minusDays(45));
        return record("""
                base: late-marrow-relapse
                change:
                %s
                  genetics: {effectiveDateTime: '%s'}
                  frontline-therapy: {status: in-progress, performedPeriod: {start: '%s', end: null}}
                  relapse: {effectiveDateTime: '%s'}
                  block1-mrd: {effectiveDateTime: '%s', valueQuantity: {value: 0.5}}
                remove: [day8-mrd, eoi-mrd]
                """.formatted(bornAndDiagnosed(c.birth(), DiagnosisField.ASSERTED_DATE, dx.toString(), dx),
                dx.plusDays(2), dx.plusDays(1), relapse, earlier(relapse.plusDays(30), at)));
    }

    /** Evaluated one month after each edge birth, the day before and the day after: in CR1, and in CR2 where possible. */
    private static List<AgeCase<Remission>> blinatumomabAgeEdges(Random random) {
        List<AgeCase<Remission>> cases = new ArrayList<>();
        for (LocalDate birth : EDGE_INFANT_BIRTHS) {
            for (int days = -1; days <= 1; days++) {
                LocalDate at = birth.plusMonths(CatalogueDates.BLINATUMOMAB_MIN_AGE_MONTHS).plusDays(days);
                String why = "1 month " + signed(days) + " days";
                cases.add(AgeCase.of(random, why, birth, Remission.CR1, at));
                if (Remission.secondPossible(birth, at)) {
                    cases.add(AgeCase.of(random, why, birth, Remission.CR2, at));
                }
            }
        }
        return cases;
    }

    /** A birth date, and an evaluation within three days of one month of age or at any age from a week to 3 years. */
    private static AgeCase<Remission> randomBlinatumomabCase(Random random) {
        LocalDate birth = someDate(random, LocalDate.of(2010, 1, 1), LocalDate.of(2022, 12, 31));
        boolean nearCutOff = random.nextBoolean();
        LocalDate at = nearCutOff
                ? birth.plusMonths(CatalogueDates.BLINATUMOMAB_MIN_AGE_MONTHS).plusDays(random.nextInt(7) - 3)
                : someDate(random, birth.plusDays(7), birth.plusYears(3));
        Remission remission = random.nextBoolean() && Remission.secondPossible(birth, at) ? Remission.CR2 : Remission.CR1;
        return AgeCase.of(random, nearCutOff ? "random near the cut-off" : "random", birth, remission, at);
    }

    /** An order-sign context signing one draft MedicationRequest of the medication coded {@code system|code}. */
    private static JsonNode draftOrder(String system, String code) {
        return ScenarioReader.YAML.readTree("""
                patientId: p1
                userId: Practitioner/example-oncologist
                draftOrders:
                  resourceType: Bundle
                  type: collection
                  entry:
                  - resource: {resourceType: MedicationRequest, id: order-1, status: draft, intent: order,
                               subject: {reference: Patient/p1},
                               medicationCodeableConcept: {coding: [{system: '%s', code: '%s'}]}}
                """.formatted(system, code));
    }

    // ------------------------------------------------------------------------------------------------------- the dates

    /**
     * How a record writes its clinical dates (E9): full dates, or dateTimes near midnight in any offset, read as
     * written or in a site's zone ({@code allcds.dates.time-zone}); either way the drawn date is the one read.
     */
    private enum Writing {
        DATES(null), DATE_TIMES_AS_WRITTEN(null), DATE_TIMES_IN_NEW_YORK(ZoneId.of("America/New_York")),
        DATE_TIMES_IN_AUCKLAND(ZoneId.of("Pacific/Auckland"));

        final ZoneId zone;

        Writing(ZoneId zone) {
            this.zone = zone;
        }

        static Writing any(Random random) {
            return values()[random.nextInt(values().length)];
        }

        /** {@code date} as FHIR text whose calendar date, read this way, is {@code date}. */
        String write(LocalDate date, Random random) {
            if (this == DATES) {
                return date.toString();
            }
            LocalTime nearMidnight = LocalTime.of(random.nextBoolean() ? 0 : 23, random.nextInt(60),
                    random.nextInt(60));
            ZoneOffset offset = OFFSETS.get(random.nextInt(OFFSETS.size()));
            OffsetDateTime written = zone == null ? date.atTime(nearMidnight).atOffset(offset)
                    : date.atTime(nearMidnight).atZone(zone).withZoneSameInstant(offset).toOffsetDateTime();
            return written.format(FHIR_DATE_TIME);
        }

        /** A date as this way reads it, and the text when it has a time: "2019-08-31 (2019-08-30T18:20:19-10:00)". */
        String shown(String fhir) {
            return fhir.length() == 10 ? fhir : CatalogueDates.calendarDate(fhir, zone) + " (" + fhir + ")";
        }
    }

    private static LocalDate someDate(Random random, LocalDate from, LocalDate to) {
        return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static List<LocalDate> dates(String... dates) {
        return Stream.of(dates).map(LocalDate::parse).toList();
    }

    private static String signed(int days) {
        return days < 0 ? "- " + -days : "+ " + days;
    }
}
