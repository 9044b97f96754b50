package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.frontline;
import static org.allcds.mapping.Fhir.procedure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.TherapyStatus;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.junit.jupiter.api.Test;

class TherapyMapperTest {

    @Test
    void completed_givesEndOfTherapy() {
        assertThat(TherapyMapper.map(List.of(frontline("flt", ProcedureStatus.COMPLETED, "2019-09-01", "2021-11-30")), ctx()))
                .contains(new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.parse("2021-11-30"), "Procedure/flt"));
    }

    @Test
    void inProgress_isOnTherapyWithoutEnd() {
        assertThat(TherapyMapper.map(List.of(frontline("flt", ProcedureStatus.INPROGRESS, "2019-09-01", "2022-01-01")), ctx()))
                .contains(new FrontlineTherapy(TherapyStatus.IN_PROGRESS, null, "Procedure/flt"));
    }

    @Test
    void completedWithoutEnd_givesNoTherapyAndAMissingDateIssue() {
        MappingContext ctx = ctx();

        assertThat(TherapyMapper.map(List.of(frontline("flt", ProcedureStatus.COMPLETED, "2019-09-01", null)), ctx))
                .isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("missing-date", "Procedure.performedPeriod.end", "Procedure/flt"));
    }

    @Test
    void plannedTherapy_isIgnored() {
        assertThat(TherapyMapper.map(List.of(frontline("flt", ProcedureStatus.PREPARATION, "2019-09-01", null)), ctx()))
                .isEmpty();
        assertThat(TherapyMapper.map(List.of(frontline("planned", ProcedureStatus.PREPARATION, "2021-01-01", null),
                frontline("old", ProcedureStatus.COMPLETED, "2019-09-01", "2020-12-01")), ctx()))
                .get().extracting(FrontlineTherapy::reference).isEqualTo("Procedure/old");
    }

    /**
     * A latest phase stopped (or on hold) is the latest word on the therapy: it gives no therapy fact, and an older
     * completed phase does not lend it its end.
     */
    @Test
    void latestRecordStopped_givesNoTherapy_notAnOlderPhasesEnd() {
        for (ProcedureStatus status : new ProcedureStatus[] {ProcedureStatus.STOPPED, ProcedureStatus.ONHOLD}) {
            assertThat(TherapyMapper.map(List.of(frontline("maintenance", status, "2019-09-01", "2021-03-01"),
                    frontline("induction", ProcedureStatus.COMPLETED, "2019-02-11", "2019-08-31")), ctx()))
                    .as(status.toCode()).isEmpty();
        }
    }

    /** A phase recorded by its end only is placed by its end; one with no date at all leaves the latest unknown. */
    @Test
    void aPhaseWithoutAStart_isPlacedByItsEnd_andWithoutAnyDateLeavesTheTherapyUnknown() {
        assertThat(TherapyMapper.map(List.of(frontline("maintenance", ProcedureStatus.COMPLETED, null, "2021-03-01"),
                frontline("induction", ProcedureStatus.COMPLETED, "2019-02-11", "2019-08-31")), ctx()))
                .contains(new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.parse("2021-03-01"),
                        "Procedure/maintenance"));
        MappingContext ctx = ctx();
        assertThat(TherapyMapper.map(List.of(frontline("undated", ProcedureStatus.COMPLETED, null, null),
                frontline("induction", ProcedureStatus.COMPLETED, "2019-02-11", "2019-08-31")), ctx)).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("missing-date", "Procedure.performed[x]", "Procedure/undated"));
    }

    /**
     * A phase of a month only that ended before the latest placed phase began is an older phase, and does not leave
     * the therapy unknown; one of the latest phase's month may have begun after it.
     */
    @Test
    void aPhaseOfAMonthOnly_isOlderWhenItsMonthEndedBeforeTheLatestBegan() {
        assertThat(TherapyMapper.map(List.of(frontline("induction", ProcedureStatus.COMPLETED, "2015-01", "2015-03-10"),
                frontline("all", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10")), ctx()))
                .get().extracting(FrontlineTherapy::reference).isEqualTo("Procedure/all");
        assertThat(TherapyMapper.map(List.of(frontline("induction", ProcedureStatus.COMPLETED, "2015-01", null),
                frontline("all", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10")), ctx()))
                .as("begun earlier without an end, it may end later (a whole-therapy record does): not known").isEmpty();
        assertThat(TherapyMapper.map(List.of(frontline("maintenance", ProcedureStatus.COMPLETED, "2015-02", null),
                frontline("all", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10")), ctx()))
                .as("a phase of the same month may have begun later").isEmpty();
    }

    @Test
    void unknownCode_isIgnored() {
        assertThat(TherapyMapper.map(List.of(procedure("p", Codes.local("relapse-block-1"), ProcedureStatus.INPROGRESS)),
                ctx())).isEmpty();
    }

    @Test
    void severalRecords_mostRecentWins() {
        assertThat(TherapyMapper.map(List.of(frontline("new", ProcedureStatus.INPROGRESS, "2021-01-01", null),
                frontline("old", ProcedureStatus.COMPLETED, "2019-09-01", "2020-12-01")), ctx()))
                .get().extracting(FrontlineTherapy::reference).isEqualTo("Procedure/new");
    }

    private static final Optional<LocalDate> DIAGNOSED = Optional.of(LocalDate.parse("2015-02-10"));

    private static Optional<FrontlineTherapy> atRelapse(String relapse, MappingContext ctx, Procedure... records) {
        return TherapyMapper.map(List.of(records), DIAGNOSED, Optional.of(LocalDate.parse(relapse)), ctx);
    }

    /** An end before the diagnosis cannot be the end of this therapy: not used, named, the end of therapy unknown. */
    @Test
    void anEndBeforeTheDiagnosis_isNotUsedAndNamed() {
        assertEndNotUsed("2017-01-10", frontline("flt", ProcedureStatus.COMPLETED, "2013-06-11", "2014-06-30"),
                "dated-before-diagnosis", false);
    }

    /** The record gives no therapy, and the issue names its end (bearing on the relapse alone, or not). */
    private static void assertEndNotUsed(String relapse, Procedure record, String code, boolean relapseOnly) {
        MappingContext ctx = ctx();
        assertThat(atRelapse(relapse, ctx, record)).isEmpty();
        assertThat(ctx.issues()).containsExactly(new DataQualityIssue(code, "Procedure.performedPeriod.end",
                "Procedure/" + record.getIdElement().getIdPart(), null, relapseOnly));
    }

    /** E7 reads an in-progress therapy's end as planned; one already past at the relapse contradicts the status. */
    @Test
    void inProgressWithAnEndBeforeTheRelapse_contradictsItself() {
        Procedure inProgress = frontline("flt", ProcedureStatus.INPROGRESS, "2015-02-11", "2017-02-10");
        // read only to time the relapse: the risk card leaves it out
        assertEndNotUsed("2019-08-20", inProgress, "conflicting-results", true);
        assertThat(atRelapse("2017-01-10", ctx(), inProgress)).as("a planned end after the relapse")
                .get().extracting(FrontlineTherapy::status).isEqualTo(TherapyStatus.IN_PROGRESS);
    }

    /** A shorter phase that began later does not end a therapy in progress, or one whose period runs past the relapse. */
    @Test
    void aRecordInProgressOrRunningPastTheRelapse_showsItOnTherapy() {
        Procedure phase = frontline("phase", ProcedureStatus.COMPLETED, "2015-09-01", "2015-11-01");

        assertThat(atRelapse("2016-09-01", ctx(), phase, frontline("all", ProcedureStatus.INPROGRESS, "2015-02-11", null)))
                .contains(new FrontlineTherapy(TherapyStatus.IN_PROGRESS, null, "Procedure/all"));
        assertThat(atRelapse("2016-09-01", ctx(), phase, frontline("all", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10")))
                .contains(new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.parse("2017-02-10"), "Procedure/all"));
        assertThat(atRelapse("2019-08-20", ctx(), phase, frontline("all", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10")))
                .as("both ended before the relapse: the phase began last, the therapy ended with the record ending last")
                .contains(new FrontlineTherapy(TherapyStatus.COMPLETED, LocalDate.parse("2017-02-10"), "Procedure/all"));
    }
}
