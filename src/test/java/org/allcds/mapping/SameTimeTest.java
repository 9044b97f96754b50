package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.mrd;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.DataQualityIssue;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class SameTimeTest {

    private static Optional<Dated<Observation>> latest(MappingContext ctx, Observation... results) {
        List<Dated<Observation>> dated = List.of(results).stream().map(o -> Resources.dated(o, ctx)).toList();
        return SameTime.latest(dated, o -> o.getValueQuantity().getValue().stripTrailingZeros(), "Observation.valueQuantity",
                ctx);
    }

    @Test
    void rivalsOfOneTimeWithDifferentValues_areNotUsed_andEachIsReported() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("eb", "end-of-induction", "2020-07-13", "0.5", "%"),
                mrd("ea", "end-of-induction", "2020-07-13", "0.005", "%"),
                mrd("old", "end-of-induction", "2020-07-01", "0.001", "%"))).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("conflicting-results", "Observation.valueQuantity", "Observation/ea"),
                new DataQualityIssue("conflicting-results", "Observation.valueQuantity", "Observation/eb"));
    }

    @Test
    void copiesOfOneValue_areOneResult() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("a", "end-of-induction", "2020-07-13", "0.50", "%"),
                mrd("b", "end-of-induction", "2020-07-13", "0.5", "%"))).isPresent();
        assertThat(ctx.issues()).isEmpty();
    }

    @Test
    void aLaterTimeOfTheSameDay_isNoRival() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("morning", "end-of-induction", "2020-07-13T08:00:00Z", "0.5", "%"),
                mrd("evening", "end-of-induction", "2020-07-13T18:00:00Z", "0.005", "%")))
                .map(Dated::reference).contains("Observation/evening");
        assertThat(ctx.issues()).isEmpty();
    }

    @Test
    void oneInstantWrittenInTwoTimeZones_isOneTime() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("new-york", "end-of-induction", "2020-07-12T23:30:00-05:00", "0.5", "%"),
                mrd("utc", "end-of-induction", "2020-07-13T04:30:00Z", "0.005", "%"))).isEmpty();
        assertThat(ctx.issues()).hasSize(2);
    }

    @Test
    void aDateAloneAndATimeOfThatDay_cannotBeOrdered_soTheyAreRivals() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("day", "end-of-induction", "2020-07-13", "0.5", "%"),
                mrd("timed", "end-of-induction", "2020-07-13T10:00:00Z", "0.005", "%"))).isEmpty();
        assertThat(ctx.issues()).hasSize(2);
    }

    @Test
    void anOlderRivalPair_doesNotHideTheLatestResult() {
        MappingContext ctx = ctx();

        assertThat(latest(ctx, mrd("a", "end-of-induction", "2020-07-01", "0.5", "%"),
                mrd("b", "end-of-induction", "2020-07-01", "0.005", "%"),
                mrd("new", "end-of-induction", "2020-07-13", "0.002", "%")))
                .map(Dated::reference).contains("Observation/new");
        assertThat(ctx.issues()).isEmpty();
    }
}
