package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.hsct;
import static org.allcds.mapping.Fhir.procedure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Hsct;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.junit.jupiter.api.Test;

class HsctMapperTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2024-01-01");

    private static java.util.Optional<Hsct> latest(Procedure... procedures) {
        return HsctMapper.latest(HsctMapper.of(List.of(procedures), ctx()), EVALUATION, Optional.empty());
    }

    private static java.util.Optional<Hsct> latestBeside(String relapseDate, Procedure... procedures) {
        return HsctMapper.latest(HsctMapper.of(List.of(procedures), ctx()), EVALUATION,
                Optional.of(LocalDate.parse(relapseDate)));
    }

    @Test
    void performedDateTime_givesHsct() {
        assertThat(latest(hsct("h", "2022-01-10"))).contains(new Hsct(LocalDate.parse("2022-01-10"), false, "Procedure/h"));
    }

    /** A transplant after the classified relapse is that relapse's: its HSCT step is done. */
    @Test
    void transplantAfterTheRelapse_isAfterIt_oneBeforeOrOnItsDayIsNot() {
        assertThat(latestBeside("2021-08-10", hsct("h", "2021-12-01"))).get().extracting(Hsct::afterRelapse).isEqualTo(true);
        assertThat(latestBeside("2021-08-10", hsct("h", "2021-08-10"))).get().extracting(Hsct::afterRelapse).isEqualTo(false);
        assertThat(latestBeside("2021-08-10", hsct("h", "2020-01-10"))).get().extracting(Hsct::afterRelapse).isEqualTo(false);
        assertThat(latest(hsct("h", "2021-12-01"))).get().extracting(Hsct::afterRelapse).as("no relapse").isEqualTo(false);
    }

    /** The latest transplant decides: one before the relapse and one after it make the relapse's HSCT step done. */
    @Test
    void transplantsBeforeAndAfterTheRelapse_theLatestIsAfterIt() {
        assertThat(latestBeside("2021-08-10", hsct("first", "2019-05-01"), hsct("second", "2021-12-01")))
                .contains(new Hsct(LocalDate.parse("2021-12-01"), true, "Procedure/second"));
    }

    @Test
    void performedPeriodStart_isTheDate() {
        Procedure period = procedure("h", Codes.local("allogeneic-hsct"), ProcedureStatus.COMPLETED)
                .setPerformed(new Period().setStartElement(new DateTimeType("2022-01-10")));

        assertThat(latest(period)).get().extracting(Hsct::date).isEqualTo(LocalDate.parse("2022-01-10"));
    }

    @Test
    void severalTransplants_latestBeforeEvaluationWins() {
        assertThat(latest(hsct("first", "2021-01-10"), hsct("second", "2023-06-01"), hsct("future", "2024-02-01")))
                .get().extracting(Hsct::reference).isEqualTo("Procedure/second");
    }

    @Test
    void onlyAfterEvaluationDate_givesNoHsct() {
        assertThat(latest(hsct("future", "2024-02-01"))).isEmpty();
    }

    @Test
    void planned_isIgnored() {
        assertThat(latest(hsct("h", "2022-01-10").setStatus(ProcedureStatus.PREPARATION))).isEmpty();
    }

    @Test
    void undated_givesNoHsctAndAMissingDateIssue() {
        MappingContext ctx = ctx();

        HsctMapper.Transplants transplants = HsctMapper.of(List.of(procedure("h", Codes.local("allogeneic-hsct"),
                ProcedureStatus.COMPLETED)), ctx);
        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2020-01-01")), ctx);

        assertThat(transplants.dated()).isEmpty();
        assertThat(transplants.unplaced()).extracting(HsctMapper.Unplaced::reference, HsctMapper.Unplaced::earliest,
                HsctMapper.Unplaced::latest).containsExactly(Tuple.tuple("Procedure/h", null, null));
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("missing-date", "Procedure.performed[x]", "Procedure/h"));
    }

    /** A transplant of a month only is before a later date once its month has ended, and may be before any other. */
    @Test
    void monthOnly_isPlacedBeforeADateOnlyWhenItsMonthEndedBeforeIt() {
        HsctMapper.Transplants transplants = HsctMapper.of(List.of(hsct("h", "2017-06")), ctx());
        HsctMapper.Unplaced june = transplants.unplaced().get(0);

        assertThat(june).extracting(HsctMapper.Unplaced::reference, HsctMapper.Unplaced::earliest,
                HsctMapper.Unplaced::latest).containsExactly("Procedure/h", LocalDate.parse("2017-06-01"),
                LocalDate.parse("2017-06-30"));
        assertThat(transplants.before(LocalDate.parse("2017-07-01"))).isTrue();
        assertThat(transplants.before(LocalDate.parse("2017-06-30"))).isFalse();
        assertThat(transplants.mayBeBefore(LocalDate.parse("2017-06-30"))).contains(june);
        assertThat(transplants.mayBeBefore(LocalDate.parse("2017-06-01"))).contains(june);
        assertThat(transplants.mayBeBefore(LocalDate.parse("2017-05-31"))).isEmpty();
        assertThat(HsctMapper.of(List.of(hsct("y", "2017")), ctx()).unplaced()).extracting(HsctMapper.Unplaced::earliest,
                HsctMapper.Unplaced::latest).containsExactly(Tuple.tuple(LocalDate.parse("2017-01-01"),
                LocalDate.parse("2017-12-31")));
    }

    /**
     * A month's date that placed the transplant before the relapse was used, so it is not reported as not used; one
     * that did not (its month is the relapse's, or there is no relapse) is.
     */
    @Test
    void monthOnly_isReportedAsImpreciseOnlyWhenItDidNotPlaceTheTransplantBeforeTheRelapse() {
        MappingContext ctx = ctx();
        HsctMapper.Transplants transplants = HsctMapper.of(List.of(hsct("h", "2017-06")), ctx);

        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2017-07-01")), ctx);
        assertThat(ctx.issues()).isEmpty();

        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2017-06-30")), ctx);
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("imprecise-date", "Procedure.performed[x]", "Procedure/h"));

        MappingContext noRelapse = ctx();
        HsctMapper.reportDatesNotUsed(HsctMapper.of(List.of(hsct("h", "2017-06")), noRelapse), Optional.empty(),
                noRelapse);
        assertThat(noRelapse.issues()).extracting(DataQualityIssue::code).containsExactly("imprecise-date");
    }

    /** A period with only its end places the transplant before a later relapse: its date was used. */
    @Test
    void periodEndOnly_placingTheTransplantBeforeTheRelapse_isNotReported() {
        MappingContext ctx = ctx();
        Procedure byEnd = procedure("h", Codes.local("allogeneic-hsct"), ProcedureStatus.COMPLETED)
                .setPerformed(new Period().setEndElement(new DateTimeType("2017-06-20")));
        HsctMapper.Transplants transplants = HsctMapper.of(List.of(byEnd), ctx);

        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2019-08-20")), ctx);
        assertThat(ctx.issues()).isEmpty();

        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2017-06-20")), ctx);
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("missing-date");
    }

    /**
     * A transplant of a month or year whose every day is after the relapse followed it whatever its day: its HSCT step
     * is done, said with the month or year as the record gives it, and its date was used, so it is not reported.
     */
    @Test
    void monthOrYearWhollyAfterTheRelapse_isTheTransplantAfterIt_itsDateNotReported() {
        MappingContext ctx = ctx();
        HsctMapper.Transplants transplants = HsctMapper.of(List.of(hsct("h", "2021-03")), ctx);

        assertThat(HsctMapper.latest(transplants, EVALUATION, Optional.of(LocalDate.parse("2021-01-15"))))
                .contains(new Hsct(null, "2021-03", true, "Procedure/h"));
        assertThat(HsctMapper.latest(transplants, EVALUATION, Optional.of(LocalDate.parse("2021-02-28"))).get()
                .timeWords()).isEqualTo("in 2021-03");
        assertThat(latestBeside("2021-01-15", hsct("y", "2022"))).contains(new Hsct(null, "2022", true, "Procedure/y"));
        HsctMapper.reportDatesNotUsed(transplants, Optional.of(LocalDate.parse("2021-01-15")), ctx);
        assertThat(ctx.issues()).isEmpty();
    }

    /**
     * One whose month is the relapse's may have come before it: not the transplant after it (the relapse is not
     * classified, RelapseMapper), nor one without any relapse; a month after the evaluation date is not yet.
     */
    @Test
    void monthThatMayBeOnOrBeforeTheRelapse_orWithoutARelapse_isNotPlaced() {
        assertThat(latestBeside("2021-03-01", hsct("h", "2021-03"))).isEmpty();
        assertThat(latestBeside("2021-03-31", hsct("h", "2021-03"))).isEmpty();
        assertThat(latest(hsct("h", "2021-03"))).isEmpty();
        assertThat(latestBeside("2023-11-15", hsct("h", "2024-02"))).isEmpty();
    }

    /** A month after the relapse is later than a dated transplant before it; in progress, it is not done. */
    @Test
    void monthAfterTheRelapse_besideADatedTransplantBeforeIt_isTheLatest_doneOnlyWhenCompleted() {
        assertThat(latestBeside("2021-01-15", hsct("first", "2019-05-01"), hsct("second", "2021-03")))
                .contains(new Hsct(null, "2021-03", true, "Procedure/second"));
        assertThat(latestBeside("2021-01-15", hsct("h", "2021-03").setStatus(ProcedureStatus.INPROGRESS)))
                .contains(new Hsct(null, "2021-03", false, "Procedure/h"));
    }

    @Test
    void unknownCode_isIgnored() {
        assertThat(latest(procedure("h", Codes.snomed("425983008"), ProcedureStatus.COMPLETED)
                .setPerformed(new DateTimeType("2022-01-10")))).isEmpty();
    }
}
