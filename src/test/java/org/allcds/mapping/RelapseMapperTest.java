package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.frontline;
import static org.allcds.mapping.Fhir.hsct;
import static org.allcds.mapping.Fhir.relapse;
import static org.allcds.mapping.Fhir.relapseNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.RelapseTiming;
import org.allcds.facts.TherapyState;
import org.allcds.facts.TherapyStatus;
import org.allcds.facts.UnclassifiedRelapse;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RelapseMapperTest {

    private static final Optional<Diagnosis> DIAGNOSIS = Optional.of(
            new Diagnosis(LocalDate.parse("2019-08-31"), "assertedDate", "Condition/dx"));
    private static final Function<LocalDate, Optional<FrontlineTherapy>> NO_THERAPY = date -> Optional.empty();

    private static List<Object> map(List<Observation> relapses, List<Procedure> transplants,
                                    Optional<FrontlineTherapy> therapy) {
        MappingContext ctx = ctx();
        return RelapseMapper.map(relapses, DIAGNOSIS, HsctMapper.of(transplants, ctx), date -> therapy, ctx);
    }

    private static Relapse relapseOf(List<Object> facts) {
        return facts.stream().filter(Relapse.class::isInstance).map(Relapse.class::cast).findFirst().orElseThrow();
    }

    private static RelapseTiming timingOf(Observation relapse, Optional<FrontlineTherapy> therapy) {
        return map(List.of(relapse), List.of(), therapy).stream().filter(RelapseTiming.class::isInstance)
                .map(RelapseTiming.class::cast).findFirst().orElseThrow();
    }

    private static Optional<FrontlineTherapy> completed(String end) {
        return Optional.of(new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.parse(end), "Procedure/flt"));
    }

    @Test
    void singleRelapse_isFirstWithItsSiteAndDate() {
        assertThat(relapseOf(map(List.of(relapse("r", "2021-02-28", "isolated-cns")), List.of(), Optional.empty())))
                .isEqualTo(new Relapse(LocalDate.parse("2021-02-28"), RelapseSite.ISOLATED_CNS, 1, false, "Observation/r"));
    }

    @Test
    void everySite_isRecognised() {
        for (RelapseSite site : RelapseSite.values()) {
            assertThat(relapseOf(map(List.of(relapse("r", "2021-02-28", site.code())), List.of(), Optional.empty())).site())
                    .isEqualTo(site);
        }
    }

    @Test
    void withoutSiteComponent_siteIsNull() {
        assertThat(relapseOf(map(List.of(relapse("r", "2021-02-28", null)), List.of(), Optional.empty())).site()).isNull();
    }

    @Test
    void severalRelapses_latestIsClassifiedAndNumberIsTheCount() {
        Relapse relapse = relapseOf(map(List.of(relapse("second", "2023-05-01", "combined"),
                relapse("first", "2021-02-28", "isolated-marrow")), List.of(), Optional.empty()));

        assertThat(relapse.reference()).isEqualTo("Observation/second");
        assertThat(relapse.site()).isEqualTo(RelapseSite.COMBINED);
        assertThat(relapse.number()).isEqualTo(2);
        assertThat(relapse.numberExact()).isTrue();
    }

    @Test
    void relapseNumberComponent_winsOverTheCount() {
        Observation third = relapseNumber(relapse("r", "2023-05-01", "isolated-marrow"), 3);

        assertThat(relapseOf(map(List.of(third), List.of(), Optional.empty())).number()).isEqualTo(3);
    }

    @Test
    void recordsOfOneDate_areOneRelapse_notASecond() {
        // an EHR may record one relapse per sample: counting records made it a second relapse (and CAR-T eligible)
        Relapse relapse = relapseOf(map(List.of(relapse("r1", "2021-02-28", "isolated-marrow"),
                relapse("r2", "2021-02-28", "isolated-marrow")), List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(1);
        assertThat(relapse.site()).isEqualTo(RelapseSite.ISOLATED_MARROW);
    }

    @Test
    void recordsOfOneDateGivingDifferentSites_leaveTheSiteNotRecorded_andAreReported() {
        MappingContext ctx = ctx();
        List<Object> facts = RelapseMapper.map(List.of(relapse("cns", "2021-02-28", "isolated-cns"),
                relapse("bm", "2021-02-28", "isolated-marrow")), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(relapseOf(facts).site()).isNull();
        assertThat(relapseOf(facts).number()).isEqualTo(1);
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference).containsExactly(
                org.assertj.core.groups.Tuple.tuple("conflicting-results", "Observation/bm"),
                org.assertj.core.groups.Tuple.tuple("conflicting-results", "Observation/cns"));
    }

    /** The relapse classified from {@code records} (relapses and CNS results). */
    private static Relapse relapseOf(MappingContext ctx, Observation... records) {
        return relapseOf(RelapseMapper.map(List.of(records), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx));
    }

    private static Observation cns(String date, String value) {
        return Fhir.coded(Fhir.observation("lp", Codes.local("cns-status"), date), Codes.local(value));
    }

    private static Tuple siteContradicted(String relapse, String cns3) {
        return siteContradictedBy(relapse, "CNS3 (" + cns3 + ")");
    }

    private static Tuple siteContradictedBy(String relapse, String by) {
        return Tuple.tuple("conflicting-results", "Observation.component:relapse-site contradicted by " + by, relapse);
    }

    /** The relapse record with the marrow blasts at the relapse as a component (catalogue P12): "2", or "&lt; 10". */
    private static Observation withMarrow(Observation relapse, String percent) {
        boolean bound = percent.startsWith("<");
        Quantity blasts = new Quantity().setValue(new java.math.BigDecimal(bound ? percent.substring(1) : percent))
                .setSystem(Codes.UCUM).setCode("%");
        if (bound) {
            blasts.setComparator(Quantity.QuantityComparator.LESS_THAN);
        }
        return Fhir.component(relapse, Codes.local("marrow-blasts"), blasts);
    }

    /**
     * R-REL-01: a CNS relapse is CNS3; beside it, a site that leaves out the CNS is the record contradicting itself.
     * Beside testis or another extramedullary site, a marrow count below 5 % would settle it: the card says none is there.
     */
    @ParameterizedTest
    @CsvSource({"isolated-marrow,''", "isolated-testicular,' without the marrow shown below 5 %'",
            "isolated-other-extramedullary,' without the marrow shown below 5 %'"})
    void siteLeavingOutTheCns_besideCns3OfTheWorkUp_isNotChosen_andIsReportedNamingTheCns3(String site, String marrow) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", site), cns("2021-03-07", "cns3")).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(siteContradictedBy("Observation/r", "CNS3 (2021-03-07)" + marrow));
    }

    /**
     * R-REL-01: an isolated extramedullary relapse is a marrow below 5 % blasts plus CNS, testis or another site. Testis
     * or another site beside a CNS3 of the work-up, with the marrow below 5 %, is one at two sites; the relapse names the
     * marrow count and the CNS3 it was read from, and nothing is reported.
     */
    @ParameterizedTest
    @CsvSource({"isolated-testicular,2,ISOLATED_CNS_AND_TESTICULAR", "isolated-other-extramedullary,<5,ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY"})
    void testisOrOtherSite_besideCns3_withAMarrowBelow5_isAnIsolatedExtramedullaryRelapseAtTwoSites(String site,
                                                                                                    String marrow,
                                                                                                    RelapseSite both) {
        MappingContext ctx = ctx();

        Relapse relapse = relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", site), marrow), cns("2021-03-03", "cns3"));

        assertThat(relapse.site()).isEqualTo(both);
        assertThat(relapse.siteFrom()).extracting(r -> r.inputName(), r -> r.displayValue(), r -> r.reference())
                .containsExactly(tuple("marrowBlastsAtRelapse", marrow.replace("<", "< ") + " %", "Observation/r"),
                        tuple("cnsStatusAtRelapse", "CNS3", "Observation/lp"));
        assertThat(ctx.issues()).isEmpty();
    }

    /**
     * Testicular involvement of the work-up beside isolated CNS, with the marrow below 5 %, is an IEM at two sites too:
     * the card names local therapy for both. The relapse names the marrow count and the testicular result.
     */
    @Test
    void isolatedCns_besideTesticularInvolvement_withAMarrowBelow5_isAnIsolatedExtramedullaryRelapseAtTwoSites() {
        MappingContext ctx = ctx();

        Relapse relapse = relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", "isolated-cns"), "2"),
                testis("2021-03-03", true));

        assertThat(relapse.site()).isEqualTo(RelapseSite.ISOLATED_CNS_AND_TESTICULAR);
        assertThat(relapse.siteFrom()).extracting(r -> r.inputName(), r -> r.displayValue(), r -> r.reference())
                .containsExactly(tuple("marrowBlastsAtRelapse", "2 %", "Observation/r"),
                        tuple("testicularInvolvementAtRelapse", "present", "Observation/testis"));
        assertThat(ctx.issues()).isEmpty();
    }

    /**
     * Without a marrow count below 5 % (none, or one across 5 %), isolated CNS beside testicular involvement may be a
     * combined relapse, as testis beside a CNS3 may: the record's "isolated" is wrong, and the site is not chosen.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "<10"})
    void isolatedCns_besideTesticularInvolvement_withoutAMarrowBelow5_isNotChosen(String marrow) {
        MappingContext ctx = ctx();
        Observation record = relapse("r", "2021-02-28", "isolated-cns");

        assertThat(relapseOf(ctx, marrow.isEmpty() ? record : withMarrow(record, marrow), testis("2021-03-03", true))
                .site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(siteContradictedBy("Observation/r",
                        "testicular involvement (2021-03-03) without the marrow shown below 5 %"));
    }

    /** A marrow that may hold 5 % blasts or more ("&lt; 10 %") may be a combined relapse: the site is not chosen. */
    @Test
    void testisBesideCns3_withAMarrowBoundAcross5_isNotChosen() {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", "isolated-testicular"), "<10"),
                cns("2021-02-28", "cns3")).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(siteContradictedBy("Observation/r", "CNS3 (2021-02-28) without the marrow shown below 5 %"));
    }

    /**
     * Marrow blasts of the relapse that the site cannot stand beside (R-REL-01): 5 % or more beside an isolated
     * extramedullary site, below 5 % beside a marrow relapse. The record contradicts itself: the site is not chosen.
     */
    @ParameterizedTest
    @CsvSource({"isolated-testicular,30", "isolated-cns,5", "isolated-cns-and-testicular,12", "combined,2",
            "isolated-marrow,4.9"})
    void marrowBlastsContradictingTheSite_leaveItNotChosen_andAreReported(String site, String marrow) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", site), marrow)).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(siteContradictedBy("Observation/r", "marrow blasts " + marrow + " %"));
    }

    /** A marrow count that agrees with the site (or cannot decide 5 %) leaves it as recorded, and is named with it. */
    @ParameterizedTest
    @CsvSource({"combined,40", "isolated-marrow,5", "isolated-testicular,2", "isolated-cns,<5", "isolated-testicular,<10"})
    void marrowBlastsAgreeingWithTheSite_leaveItAsRecorded(String site, String marrow) {
        MappingContext ctx = ctx();

        Relapse relapse = relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", site), marrow));

        assertThat(relapse.site()).isEqualTo(RelapseSite.fromCode(site));
        assertThat(relapse.siteFrom()).extracting(r -> r.displayValue()).containsExactly(marrow.replace("<", "< ") + " %");
        assertThat(ctx.issues()).isEmpty();
    }

    /**
     * R-REL-01 without a site chosen: marrow blasts all below 5 % leave the isolated extramedullary sites, all 5 % or more
     * isolated marrow and combined, and the relapse names the counts; none, a bound across 5 % or counts on both sides of
     * it leave every site. The site contradicted by the count is not used either ("isolated testicular" beside 30 %).
     */
    @ParameterizedTest
    @CsvSource({"'',,", "2,ISOLATED_CNS,ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY", "30,ISOLATED_MARROW,COMBINED",
            "<10,,", "2;30,,", "isolated-testicular:30,ISOLATED_MARROW,COMBINED"})
    void withoutASiteChosen_theMarrowCountsLeaveTheSitesTheyAllow(String marrow, RelapseSite first, RelapseSite last) {
        String site = marrow.contains(":") ? marrow.substring(0, marrow.indexOf(':')) : null;
        List<String> counts = marrow.isEmpty() ? List.of() : List.of(marrow.substring(marrow.indexOf(':') + 1).split(";"));
        List<Observation> records = new java.util.ArrayList<>();
        for (String count : counts) {
            records.add(withMarrow(relapse("r" + records.size(), "2021-02-28", site), count));
        }
        if (records.isEmpty()) {
            records.add(relapse("r", "2021-02-28", null));
        }

        Relapse relapse = relapseOf(ctx(), records.toArray(Observation[]::new));

        assertThat(relapse.site()).isNull();
        boolean narrowed = first != null;
        assertThat(relapse.possibleSites()).isEqualTo(narrowed ? List.copyOf(java.util.EnumSet.range(first, last))
                : List.of(RelapseSite.values()));
        assertThat(relapse.siteFrom()).hasSize(narrowed && site == null ? counts.size() : 0);
    }

    /**
     * A final CNS3 or testicular involvement of the work-up leaves, without a site chosen, the sites that include it; with
     * marrow blasts of 30 % beside "isolated marrow" and testicular involvement, combined alone. The relapse names the
     * result, unless the record's contradiction already does.
     */
    @ParameterizedTest
    @CsvSource({"'',cns3,COMBINED;ISOLATED_CNS;ISOLATED_CNS_AND_TESTICULAR;ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY",
            "'',testis,COMBINED;ISOLATED_TESTICULAR;ISOLATED_OTHER_EXTRAMEDULLARY;ISOLATED_CNS_AND_TESTICULAR;ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY",
            "isolated-marrow,testis,COMBINED;ISOLATED_TESTICULAR;ISOLATED_OTHER_EXTRAMEDULLARY;ISOLATED_CNS_AND_TESTICULAR;ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY",
            "isolated-marrow:30,testis,COMBINED"})
    void withoutASiteChosen_aFinalWorkUpResultLeavesTheSitesWithItsInvolvement(String record, String result,
                                                                              String sites) {
        String site = record.isEmpty() ? null : record.split(":")[0];
        Observation relapse = relapse("r", "2021-02-28", site);
        Observation workUp = result.equals("testis") ? testis("2021-03-03", true) : cns("2021-03-03", "cns3");

        Relapse read = relapseOf(ctx(), record.contains(":") ? withMarrow(relapse, "30") : relapse, workUp);

        assertThat(read.site()).isNull();
        assertThat(read.possibleSites()).extracting(Enum::name).containsExactly(sites.split(";"));
        assertThat(read.siteFrom().stream().map(r -> r.reference()).toList().contains(MappingContext.reference(workUp)))
                .isEqualTo(site == null);
    }

    /** A result not yet final rules no site out, whatever it says: every site stays possible. */
    @Test
    void withoutASiteChosen_aWorkUpResultNotYetFinalLeavesEverySite() {
        Relapse relapse = relapseOf(ctx(), relapse("r", "2021-02-28", null), pending(testis("2021-03-03", true)));

        assertThat(relapse.possibleSites()).containsExactly(RelapseSite.values());
        assertThat(relapse.siteFrom()).isEmpty();
    }

    /** A marrow count that cannot be read is reported at its element, and the site stands as recorded. */
    @Test
    void marrowBlastsNotReadable_areReported_andTheSiteStands() {
        MappingContext ctx = ctx();
        Observation text = Fhir.component(relapse("r", "2021-02-28", "isolated-testicular"), Codes.local("marrow-blasts"),
                new StringType("2 %"));
        Observation cells = Fhir.component(relapse("r2", "2021-02-28", "isolated-testicular"),
                Codes.local("marrow-blasts"), new Quantity().setValue(2).setSystem(Codes.UCUM).setCode("10*9/L"));

        Relapse relapse = relapseOf(ctx, text, cells);

        assertThat(relapse.site()).isEqualTo(RelapseSite.ISOLATED_TESTICULAR);
        assertThat(relapse.siteFrom()).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactlyInAnyOrder(
                        tuple("value-not-a-quantity", "Observation.component:marrow-blasts.valueString", "Observation/r"),
                        tuple("unit-not-convertible", "Observation.component:marrow-blasts.valueQuantity.code",
                                "Observation/r2"));
    }

    /**
     * Combined and isolated CNS agree with a CNS3. The work-up is the relapse date to 7 days after it: a CNS3 before the
     * relapse (the CNS status at diagnosis reads it) or later, and a CNS1 or CNS2 at any time, leave the site as recorded.
     */
    @ParameterizedTest
    @CsvSource({"combined,2021-02-28,cns3", "isolated-cns,2021-03-07,cns3", "isolated-marrow,2021-02-27,cns3",
            "isolated-marrow,2021-03-08,cns3", "isolated-marrow,2021-02-28,cns1", "isolated-marrow,2021-03-01,cns2"})
    void siteBesideACnsResultThatDoesNotContradictIt_stands(String site, String date, String value) {
        assertStandsUnreported(site, cns(date, value));
    }

    /** A relapse of 2021-02-28 with the site beside the result keeps that site, and nothing is reported. */
    private static void assertStandsUnreported(String site, Observation result) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", site), result).site()).isEqualTo(RelapseSite.fromCode(site));
        assertThat(ctx.issues()).isEmpty();
    }

    /** A CNS3 of a month that meets the work-up may be of it; every record of the relapse is reported. */
    @Test
    void isolatedMarrow_besideCns3OfAMonthMeetingTheWorkUp_isNotChosen() {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r1", "2021-02-28", "isolated-marrow"),
                relapse("r2", "2021-02-28", "isolated-marrow"), cns("2021-03", "cns3")).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .contains(siteContradicted("Observation/r1", "2021-03"), siteContradicted("Observation/r2", "2021-03"));
    }

    private static Observation testis(String date, boolean involved) {
        return Fhir.flag(Fhir.observation("testis", Codes.local("testicular-involvement"), date), involved);
    }

    /** A CNS status in a site's own code, which no ConceptMap translates. */
    private static Observation cnsNotRecognised(String date) {
        return Fhir.coded(Fhir.observation("lp", Codes.local("cns-status"), date),
                new ConceptTranslator.Code("http://hospital.example.org/lab/csf", "CSF-BLASTS-POS"));
    }

    /**
     * R-REL-01: marrow and an extramedullary site are a combined relapse; testicular involvement of the work-up beside
     * isolated marrow is the record contradicting itself, as a CNS3 is.
     */
    @Test
    void isolatedMarrow_besideTesticularInvolvementOfTheWorkUp_isNotChosen_andIsReportedNamingIt() {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", "isolated-marrow"), testis("2021-03-07", true)).site())
                .isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(Tuple.tuple("conflicting-results",
                        "Observation.component:relapse-site contradicted by testicular involvement (2021-03-07)",
                        "Observation/r"));
    }

    /**
     * Testicular involvement agrees with combined and isolated testicular, and beside another isolated extramedullary
     * site (which no site code names beside the testis) the relapse is isolated extramedullary either way, which every
     * relapse stratum reads alike: nothing waits. No involvement, or involvement outside the work-up, changes nothing.
     */
    @ParameterizedTest
    @CsvSource({"combined,2021-03-01,true", "isolated-testicular,2021-03-01,true",
            "isolated-other-extramedullary,2021-03-07,true", "isolated-cns,2021-03-01,false", "isolated-marrow,2021-03-01,false",
            "isolated-marrow,2021-02-27,true", "isolated-marrow,2021-03-08,true"})
    void siteBesideATesticularResultThatDoesNotChangeIt_stands(String site, String date, boolean involved) {
        assertStandsUnreported(site, testis(date, involved));
    }

    /**
     * A CNS status of the work-up in a code not recognised may be CNS3: beside a site that leaves out the CNS the site
     * is not chosen, as an unread result keeps CNS3 open at diagnosis; the result and the relapse are both named.
     */
    @ParameterizedTest
    @ValueSource(strings = {"isolated-marrow", "isolated-testicular", "isolated-other-extramedullary"})
    void siteLeavingOutTheCns_besideACnsStatusOfTheWorkUpNotRecognised_isLeftOpen_andBothAreNamed(String site) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", site), cnsNotRecognised("2021-03-03")).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference,
                        DataQualityIssue::about)
                .containsExactlyInAnyOrder(Tuple.tuple("code-not-recognised", "Observation.value[x]", "Observation/lp", null),
                        Tuple.tuple("code-not-recognised", "Observation.component:relapse-site open beside CNS status"
                                + " (2021-03-03)", "Observation/r", "Observation/lp"));
    }

    /** A testicular result whose value is not a boolean: a text, or a code where a boolean is expected. */
    private static Observation testisNotRead(String date, boolean asText) {
        Observation result = Fhir.observation("testis", Codes.local("testicular-involvement"), date);
        return asText ? Fhir.text(result, "positive")
                : Fhir.coded(result, new ConceptTranslator.Code("http://loinc.org", "LA33-6"));
    }

    /**
     * A testicular result of the work-up whose value is not a boolean may say involved: beside a site it would change
     * (isolated marrow: combined; isolated CNS: two sites, or combined) the site is left open, as beside a CNS status
     * not read; the result and the relapse are both named. Beside any other site it is named, and the site stands.
     */
    @ParameterizedTest
    @CsvSource({"isolated-marrow,true,Observation.valueString,true", "isolated-cns,false,Observation.value[x],true",
            "combined,true,Observation.valueString,false", "isolated-testicular,false,Observation.value[x],false"})
    void aTesticularResultOfTheWorkUpNotABoolean_isNamed_andLeavesASiteItWouldChangeOpen(String site, boolean asText,
                                                                                          String element, boolean open) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", site), testisNotRead("2021-03-03", asText)).site())
                .isEqualTo(open ? null : RelapseSite.fromCode(site));
        List<Tuple> named = new java.util.ArrayList<>(List.of(tuple("code-not-recognised", element, "Observation/testis",
                null)));
        if (open) {
            named.add(tuple("code-not-recognised", "Observation.component:relapse-site open beside testis result"
                    + " (2021-03-03)", "Observation/r", "Observation/testis"));
        }
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference,
                        DataQualityIssue::about)
                .containsExactlyInAnyOrderElementsOf(named);
    }

    /**
     * Beside combined or isolated CNS a CNS3 would change nothing: the site stands, and the result is still named, never
     * ignored. One outside the work-up is not the relapse's (nor, after it, the diagnosis's) and is not read here.
     */
    @ParameterizedTest
    @CsvSource({"combined,2021-03-03,true", "isolated-cns,2021-02-28,true", "isolated-marrow,2021-03-08,false"})
    void siteBesideACnsStatusNotRecognisedThatCannotChangeIt_stands(String site, String date, boolean named) {
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", site), cnsNotRecognised(date)).site())
                .isEqualTo(RelapseSite.fromCode(site));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactlyElementsOf(named ? List.of(Tuple.tuple("code-not-recognised", "Observation/lp"))
                        : List.of());
    }

    /** A result not yet final: registered or preliminary. */
    private static Observation pending(Observation result) {
        return Fhir.status(result, "preliminary");
    }

    /**
     * A result of the work-up not yet final is not used for the site (Observation.status): where its final report could
     * change the site, whatever it says so far, the site is left open and the result named, as such a result at
     * diagnosis leaves the CNS status or testicular involvement unknown. A preliminary CNS3 beside isolated testicular
     * with the marrow below 5 % made a definite IEM at two sites.
     */
    @ParameterizedTest
    @CsvSource({"isolated-marrow,40,cns3,CNS status", "isolated-testicular,2,cns3,CNS status",
            "isolated-other-extramedullary,2,cns1,CNS status", "isolated-marrow,40,testis,testis result",
            "isolated-cns,2,testis,testis result"})
    void aWorkUpResultNotYetFinal_thatCouldChangeTheSite_leavesItOpen_andIsNamed(String site, String marrow,
                                                                                   String result, String named) {
        MappingContext ctx = ctx();
        Observation workUp = pending(result.equals("testis") ? testis("2021-03-03", true) : cns("2021-03-03", result));

        assertThat(relapseOf(ctx, withMarrow(relapse("r", "2021-02-28", site), marrow), workUp).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference,
                        DataQualityIssue::about)
                .containsExactlyInAnyOrder(
                        tuple("preliminary-result", "Observation.status preliminary", MappingContext.reference(workUp), null),
                        tuple("preliminary-result", "Observation.component:relapse-site open beside " + named
                                + " (2021-03-03)", "Observation/r", MappingContext.reference(workUp)));
    }

    /**
     * Beside a site it cannot change, a result not yet final changes nothing and is not named; beside a final result
     * that shows what the site leaves out, the final one decides.
     */
    @Test
    void aWorkUpResultNotYetFinal_thatCannotChangeTheSite_isNotNamed() {
        assertStandsUnreported("combined", pending(cns("2021-03-01", "cns3")));
        assertStandsUnreported("isolated-cns", pending(cns("2021-03-01", "cns3")));
        assertStandsUnreported("isolated-testicular", pending(testis("2021-03-01", false)));
        MappingContext ctx = ctx();

        assertThat(relapseOf(ctx, relapse("r", "2021-02-28", "isolated-marrow"), pending(testis("2021-03-01", true)),
                cns("2021-03-02", "cns3")).site()).isNull();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(siteContradicted("Observation/r", "2021-03-02"));
    }

    /**
     * The lab's preliminary and final reports of one lumbar puncture under two ids are one result: the final one
     * replaces the preliminary one, which is neither used nor named.
     */
    @Test
    void aFinalWorkUpResult_replacesAPreliminaryOneOfItsTime() {
        Observation preliminary = pending(Fhir.coded(Fhir.observation("lp-prelim", Codes.local("cns-status"),
                "2021-03-03T10:00:00Z"), Codes.local("cns3")));
        Observation result = Fhir.coded(Fhir.observation("lp-final", Codes.local("cns-status"), "2021-03-03T10:00:00Z"),
                Codes.local("cns1"));
        Resource[] record = {Fhir.patient("2014-05-20"), Fhir.allDiagnosis("dx", "2019-08-31"),
                withMarrow(relapse("r", "2021-02-28", "isolated-testicular"), "2"), preliminary, result};

        assertThat(Fhir.mapped(Relapse.class, LocalDate.parse("2021-04-01"), record)).extracting(Relapse::site)
                .containsExactly(RelapseSite.ISOLATED_TESTICULAR);
        assertThat(Fhir.mapped(DataQualityIssue.class, LocalDate.parse("2021-04-01"), record)).isEmpty();
    }

    /**
     * A relapse record not yet final is never counted (a suspicion, not the relapse; here the lab's preliminary report of
     * the final one, which replaces it), so the marrow count it gives is not read either: beside a CNS3, the final
     * record's isolated testicular site has no marrow count below 5 % and is not used.
     */
    @Test
    void aRelapseRecordNotYetFinal_givesNoMarrowCount() {
        Resource[] record = {Fhir.patient("2014-05-20"), Fhir.allDiagnosis("dx", "2019-08-31"),
                relapse("r", "2021-02-28", "isolated-testicular"),
                pending(withMarrow(relapse("r-prelim", "2021-02-28", "isolated-testicular"), "2")),
                cns("2021-03-03", "cns3")};

        assertThat(Fhir.mapped(Relapse.class, LocalDate.parse("2021-04-01"), record)).extracting(Relapse::site)
                .containsOnlyNulls();
        assertThat(Fhir.mapped(DataQualityIssue.class, LocalDate.parse("2021-04-01"), record))
                .extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(tuple("conflicting-results", "Observation/r"));
    }

    /**
     * What reading the relapse's site finds wrong bears on the relapse alone (the risk card leaves it out): the relapse
     * records whose site a CNS3 contradicts, a CNS status of the work-up not read. An issue found elsewhere too is not.
     */
    @Test
    void issuesFoundReadingTheRelapseSite_bearOnTheRelapseAlone() {
        MappingContext ctx = ctx();

        relapseOf(ctx, relapse("r", "2021-02-28", "isolated-marrow"), cns("2021-03-01", "cns3"));
        relapseOf(ctx, relapse("r2", "2021-02-28", "isolated-testicular"), cnsNotRecognised("2021-03-03"));
        ctx.readingTheRelapse(() -> {
            ctx.issueOfTheRelapse("code-not-recognised", "Observation.value[x]", "Observation/inner");
            // still reading the relapse after a reading nested in it
            ctx.issue("code-not-recognised", "Observation.value[x]", "Observation/shared");
            return null;
        });
        ctx.issue("code-not-recognised", "Observation.value[x]", "Observation/shared");

        assertThat(ctx.issues()).extracting(DataQualityIssue::reference, DataQualityIssue::relapseOnly)
                .containsExactlyInAnyOrder(tuple("Observation/r", true), tuple("Observation/r2", true),
                        tuple("Observation/lp", true), tuple("Observation/inner", true),
                        tuple("Observation/shared", false));
    }

    @Test
    void oneRelapseWrittenInTwoTimeZones_isOneRelapse() {
        assertThat(relapseOf(map(List.of(relapse("local", "2023-07-01T23:30:00-05:00", "isolated-marrow"),
                relapse("utc", "2023-07-02T04:30:00Z", "isolated-marrow")), List.of(), Optional.empty())).number())
                .isEqualTo(1);
    }

    @Test
    void oneRelapseWrittenInTwoTimeZones_isOneRelapse_ofItsDateInTheSiteZone() {
        assertThat(Fhir.mapped(CalendarZone.of(java.time.ZoneId.of("America/New_York")), Relapse.class,
                LocalDate.parse("2023-08-01"), relapse("local", "2023-07-01T23:30:00-05:00", "isolated-marrow"),
                relapse("utc", "2023-07-02T04:30:00Z", "isolated-marrow")))
                .extracting(Relapse::date, Relapse::number).containsExactly(tuple(LocalDate.parse("2023-07-02"), 1));
    }

    @Test
    void recordsOfOneRelapseGivingDifferentNumbers_classifyNoRelapse_andAreReported() {
        // relapse 1 or relapse 2 decides whether first-relapse strata apply at all
        assertTwoNumberedRecords_classifyNoRelapse_andAreReported("2021-02-28", 1, "2021-02-28", 2);
    }

    @Test
    void aLaterRelapseNumberedFirst_besideAnEarlierRelapse_classifiesNoRelapse_andReportsBoth() {
        // a real second relapse read as the first would get first-relapse strata and miss the CAR-T label
        assertTwoNumberedRecords_classifyNoRelapse_andAreReported("2020-09-01", 1, "2021-09-01", 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, UnclassifiedRelapse.ONE_RELAPSE_MAX_DAYS - 1})
    void relapseDatesFewerThan90DaysApart_withoutANumber_classifyNoRelapse_andAreReported(int days) {
        // a suspected relapse and its confirming marrow are one relapse; counted as two, the CAR-T label was met
        MappingContext ctx = ctx();
        LocalDate first = LocalDate.parse("2021-02-01");
        List<Object> facts = RelapseMapper.map(List.of(relapse("a", first.toString(), "isolated-marrow"),
                relapse("b", first.plusDays(days).toString(), "isolated-marrow")), DIAGNOSIS,
                HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(facts).containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.NUMBER, "Observation/b"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("conflicting-results", "Observation.effective[x]", "Observation/a"),
                        Tuple.tuple("conflicting-results", "Observation.effective[x]", "Observation/b"));
        assertThat(ctx.issues()).allMatch(DataQualityIssue::relapseOnly); // one relapse or two: not the risk card's
    }

    @Test
    void relapseDates90DaysApart_areTwoRelapses() {
        Relapse relapse = relapseOf(map(List.of(relapse("a", "2021-02-01", "isolated-marrow"),
                relapse("b", "2021-05-02", "isolated-marrow")), List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(2);
    }

    @Test
    void aFirstRelapse_thenOneRecordedTwiceDaysApart_isALaterRelapseEitherWay() {
        // two or three relapses: no first-relapse strata and "second or later" whichever, so nothing is asked for
        Relapse relapse = relapseOf(map(List.of(relapse("a", "2020-01-10", "isolated-marrow"),
                relapse("b", "2020-08-13", "isolated-marrow"), relapse("c", "2020-08-20", "isolated-marrow")),
                List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(2);
        assertThat(relapse.numberExact()).as("two relapses or three: 2 is only the fewest").isFalse();
    }

    @Test
    void relapseDatesDaysApart_bothNumberedFirst_areOneFirstRelapse() {
        Relapse relapse = relapseOf(map(List.of(relapseNumber(relapse("a", "2021-02-01", "isolated-marrow"), 1),
                relapseNumber(relapse("b", "2021-02-08", "isolated-marrow"), 1)), List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(1);
    }

    @Test
    void relapseDatesFewerThan90DaysApart_withTheLatestNumbered_takeItsNumber() {
        // the number says which relapse the latest is; an earlier record days before it does not make it unknown
        Relapse relapse = relapseOf(map(List.of(relapse("a", "2021-02-01", "isolated-marrow"),
                relapseNumber(relapse("b", "2021-02-10", "isolated-marrow"), 2)), List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(2);
    }

    /** Records a and b with their dates and relapse numbers: no relapse, b named, both reported as conflicting. */
    private static void assertTwoNumberedRecords_classifyNoRelapse_andAreReported(String aDate, int aNumber, String bDate,
                                                                                int bNumber) {
        MappingContext ctx = ctx();
        List<Object> facts = RelapseMapper.map(List.of(relapseNumber(relapse("a", aDate, "isolated-marrow"), aNumber),
                relapseNumber(relapse("b", bDate, "isolated-marrow"), bNumber)), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(facts).containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.NUMBER, "Observation/b"));
        // which relapse this is bears on the relapse alone: the risk card leaves it out
        assertThat(ctx.issues()).allSatisfy(i -> assertThat(i.code()).isEqualTo("conflicting-results"))
                .allSatisfy(i -> assertThat(i.relapseOnly()).isTrue())
                .extracting(DataQualityIssue::reference).containsExactlyInAnyOrder("Observation/a", "Observation/b");
    }

    @Test
    void aNumberAboveTheRelapsesRecorded_isTaken() {
        // I10: the component wins; earlier relapses may be recorded elsewhere
        Relapse relapse = relapseOf(map(List.of(relapseNumber(relapse("b", "2021-09-01", "isolated-marrow"), 2)),
                List.of(), Optional.empty()));

        assertThat(relapse.number()).isEqualTo(2);
    }

    @Test
    void oneRecordCarryingTwoNumbers_classifiesNoRelapse() {
        MappingContext ctx = ctx();
        Observation both = relapseNumber(relapseNumber(relapse("r", "2021-02-28", "isolated-marrow"), 1), 2);

        assertThat(RelapseMapper.map(List.of(both), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx))
                .containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.NUMBER, "Observation/r"));
    }

    /** A number sent as a quantity, as text or as 0 says something the count must not overrule: no relapse, named. */
    @ParameterizedTest
    @MethodSource("unreadableNumbers")
    void aRelapseNumberThatIsNoWholeNumberAboveZero_classifiesNoRelapse_andIsReported(Type number) {
        MappingContext ctx = ctx();
        Observation record = Fhir.component(relapse("r", "2021-02-28", "isolated-marrow"), Codes.RELAPSE_NUMBER, number);

        assertThat(RelapseMapper.map(List.of(record), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx))
                .containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.NUMBER, "Observation/r"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::relapseOnly)
                .containsExactly(Tuple.tuple("code-not-recognised", "Observation.component:relapse-number", true));
    }

    static Stream<Type> unreadableNumbers() {
        return Stream.of(new Quantity(2), new StringType("2"), new IntegerType(0));
    }

    @Test
    void aSecondRecordOfAnEarlierRelapse_doesNotRaiseTheCount() {
        assertThat(relapseOf(map(List.of(relapse("first-a", "2020-01-10", "isolated-marrow"),
                relapse("first-b", "2020-01-10", null), relapse("second", "2021-02-28", "isolated-cns")),
                List.of(), Optional.empty())).number()).isEqualTo(2);
    }

    /**
     * A transplant of a year or month that ended before the relapse came before it; one that may be of the relapse's own
     * month, or without any date, may have come before it: no relapse is classified (strata after a transplant would be
     * a guess), and the transplant is named. One whose year or month began after the relapse did not come before it.
     */
    @Test
    void hsctWithoutAFullDate_isPlacedWhereItsMonthAllows_elseNoRelapseIsClassified() {
        List<Observation> relapse = List.of(relapse("r", "2021-02-28", "isolated-marrow"));

        assertThat(relapseOf(map(relapse, List.of(hsct("h", "2020-06")), Optional.empty())).afterHsct()).isTrue();
        assertThat(relapseOf(map(relapse, List.of(hsct("h", "2021-03")), Optional.empty())).afterHsct()).isFalse();
        assertThat(map(relapse, List.of(hsct("h", "2021-02")), Optional.empty()))
                .containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.HSCT_DATE, "Procedure/h"));
        assertThat(map(relapse, List.of(hsct("h", null)), Optional.empty()))
                .containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.HSCT_DATE, "Procedure/h"));
        assertThat(relapseOf(map(relapse, List.of(hsct("h", null), hsct("before", "2020-01-10")), Optional.empty()))
                .afterHsct()).as("a dated transplant before the relapse settles it").isTrue();
    }

    @Test
    void hsctBeforeRelapse_isAfterHsct() {
        assertThat(relapseOf(map(List.of(relapse("r", "2023-05-01", "isolated-marrow")),
                List.of(hsct("h", "2022-01-10")), Optional.empty())).afterHsct()).isTrue();
    }

    @Test
    void hsctAfterRelapse_isNotAfterHsct() {
        assertThat(relapseOf(map(List.of(relapse("r", "2021-02-28", "isolated-marrow")),
                List.of(hsct("h", "2021-08-10")), Optional.empty())).afterHsct()).isFalse();
    }

    @Test
    void hsctOnRelapseDate_isNotBeforeIt() {
        assertThat(relapseOf(map(List.of(relapse("r", "2021-02-28", "isolated-marrow")),
                List.of(hsct("h", "2021-02-28")), Optional.empty())).afterHsct()).isFalse();
    }

    @Test
    void relapseBeforeDiagnosis_givesOnlyAnIssue() {
        // E6: no classification
        MappingContext ctx = ctx();
        List<Object> facts = RelapseMapper.map(List.of(relapse("r", "2019-08-01", "isolated-marrow")), DIAGNOSIS,
                HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(facts).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("relapse-before-diagnosis", "Observation.effective[x]", "Observation/r"));
    }

    @Test
    void noDiagnosisDate_givesRelapseWithoutTiming() {
        List<Object> facts = RelapseMapper.map(List.of(relapse("r", "2021-02-28", "isolated-marrow")),
                Optional.empty(), HsctMapper.Transplants.NONE, NO_THERAPY, ctx());

        assertThat(facts).hasSize(1).allMatch(Relapse.class::isInstance);
    }

    @Test
    void relapseWithAMonthOnly_besideADatedOne_leavesBothUnclassified() {
        // "2021-03" may be a second relapse after 2020-01-10: classifying the dated one as the latest would be a guess
        MappingContext ctx = ctx();
        List<Object> facts = RelapseMapper.map(List.of(relapse("first", "2020-01-10", "isolated-marrow"),
                relapse("second", "2021-03", "isolated-cns")), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(facts).containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.DATE, "Observation/second"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("imprecise-date");
    }

    /**
     * A relapse of a month that ended before a dated one is an earlier relapse: the dated one is the latest and counts
     * it, and the month's date is used, so not reported. One of a month that meets an earlier dated relapse may be it.
     */
    @Test
    void relapseWithAMonthOnly_endedBeforeADatedOne_isAnEarlierRelapse() {
        MappingContext ctx = ctx();
        List<Object> facts = RelapseMapper.map(List.of(relapse("first", "2020-03", "isolated-cns"),
                relapse("second", "2021-03-10", "isolated-marrow")), DIAGNOSIS, HsctMapper.Transplants.NONE, NO_THERAPY, ctx);

        assertThat(relapseOf(facts).number()).isEqualTo(2);
        assertThat(relapseOf(facts).reference()).isEqualTo("Observation/second");
        assertThat(ctx.issues()).isEmpty();
        assertThat(relapseOf(map(List.of(relapse("first", "2020-03-05", "isolated-cns"), relapse("again", "2020-03",
                "isolated-cns"), relapse("second", "2021-03-10", "isolated-marrow")), List.of(), Optional.empty())).number())
                .as("the month of the first dated relapse").isEqualTo(2);
    }

    @Test
    void undatedRelapse_givesOnlyAnUnclassifiedRelapseAndAMissingDateIssue() {
        MappingContext ctx = ctx();

        assertThat(RelapseMapper.map(List.of(relapse("r", null, "isolated-marrow")), DIAGNOSIS, HsctMapper.Transplants.NONE,
                NO_THERAPY, ctx)).containsExactly(new UnclassifiedRelapse(UnclassifiedRelapse.DATE, "Observation/r"));
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("missing-date");
    }

    @Test
    void timing_monthEndDiagnosis_countsEighteenMonthsOnTheAnniversary() {
        // E2: 2019-08-31 → 2021-02-28 is 18 completed months
        RelapseTiming timing = timingOf(relapse("r", "2021-02-28", "isolated-marrow"), Optional.empty());

        assertThat(timing.monthsFromDiagnosis()).isEqualTo(18);
        assertThat(timing.onDiagnosisMonthAnniversary()).isTrue();
    }

    @Test
    void timing_dayAfterAnniversary_isNotOnIt() {
        assertThat(timingOf(relapse("r", "2021-03-01", "isolated-marrow"), Optional.empty()).onDiagnosisMonthAnniversary())
                .isFalse();
    }

    @Test
    void timing_noTherapyRecord_isUnknown() {
        assertThat(timingOf(relapse("r", "2021-02-28", "isolated-marrow"), Optional.empty()))
                .isEqualTo(new RelapseTiming(18, true, TherapyState.UNKNOWN, -1));
    }

    @Test
    void timing_therapyInProgressWithFutureEnd_isOnTherapy() {
        // E7: a planned end date does not end therapy
        Procedure planned = frontline("flt", ProcedureStatus.INPROGRESS, "2019-09-01", "2022-01-01");
        Optional<FrontlineTherapy> therapy = TherapyMapper.map(List.of(planned), ctx());

        assertThat(timingOf(relapse("r", "2021-02-28", "isolated-marrow"), therapy).therapyState())
                .isEqualTo(TherapyState.ON_THERAPY);
    }

    @Test
    void timing_completedAfterRelapse_isOnTherapy() {
        assertThat(timingOf(relapse("r", "2021-02-28", "isolated-marrow"), completed("2021-03-01")))
                .isEqualTo(new RelapseTiming(18, true, TherapyState.ON_THERAPY, -1));
    }

    @Test
    void timing_completedBeforeRelapse_isOffTherapyWithMonthsFromEnd() {
        assertThat(timingOf(relapse("r", "2022-05-31", "isolated-marrow"), completed("2021-11-30")))
                .isEqualTo(new RelapseTiming(33, true, TherapyState.OFF_THERAPY, 6));
    }

    @Test
    void timing_completedOnRelapseDate_isOffTherapyForZeroMonths() {
        assertThat(timingOf(relapse("r", "2021-11-30", "isolated-marrow"), completed("2021-11-30")))
                .extracting(RelapseTiming::therapyState, RelapseTiming::monthsFromEndOfTherapy)
                .containsExactly(TherapyState.OFF_THERAPY, 0);
    }

    /**
     * E9: a relapse marrow taken at 21:00 in New York on the day before the 36-month anniversary, by an EHR that writes
     * UTC, is dated the anniversary itself. In the site's zone it is 35 months from diagnosis (COG early); read as
     * written, as without {@code allcds.dates.time-zone}, it is 36, on the anniversary (COG late), and the record named
     * with its date says the anniversary too.
     */
    @Test
    void aRelapseWrittenInUtc_isDatedInTheSiteZone_beforeThe36MonthAnniversary() {
        CalendarZone newYork = CalendarZone.of(java.time.ZoneId.of("America/New_York"));
        org.hl7.fhir.r4.model.Resource[] record = {Fhir.patient("2014-05-20"), Fhir.allDiagnosis("dx", "2019-08-31"),
                relapse("r", "2022-08-31T01:00:00Z", "isolated-marrow")};
        LocalDate evaluation = LocalDate.parse("2022-09-15");

        assertThat(Fhir.mapped(newYork, Relapse.class, evaluation, record)).extracting(Relapse::date)
                .containsExactly(LocalDate.parse("2022-08-30"));
        assertThat(Fhir.mapped(newYork, RelapseTiming.class, evaluation, record))
                .containsExactly(new RelapseTiming(35, false, TherapyState.UNKNOWN, -1));
        assertThat(Fhir.mapped(CalendarZone.AS_WRITTEN, RelapseTiming.class, evaluation, record)).as("as written")
                .containsExactly(new RelapseTiming(36, true, TherapyState.UNKNOWN, -1));
        DataQualityIssue aboutTheRelapse = new DataQualityIssue("conflicting-results", "x", "Observation/r");
        assertThat(new FactMapper().named(List.of(aboutTheRelapse), Fhir.data(record), newYork))
                .extracting(DataQualityIssue::recordName).containsExactly("Relapse (2022-08-30)");
        assertThat(new FactMapper().named(List.of(aboutTheRelapse), Fhir.data(record), CalendarZone.AS_WRITTEN))
                .extracting(DataQualityIssue::recordName).containsExactly("Relapse (2022-08-31)");
    }
}
