package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.allcds.engine.RuleSet;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.mapping.CalendarZone;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * E9 on the bundled rules: the site's time zone ({@code allcds.dates.time-zone}) reaches the whole evaluation, while
 * author scenarios read their dates as written whatever it is (the reload gate runs them with the service's evaluator).
 */
class SiteTimeZoneTest {

    private static final String E9 = "tests/relapse/edge-cases/e9-time-zone-midnight.yaml";
    private static final CalendarZone NEW_YORK = CalendarZone.of(ZoneId.of("America/New_York"));

    private final RuleSet rules = BundledRuleSet.get();
    private final PatientEvaluator evaluator = EvaluationAssembly.standalone();

    private static Scenario e9() {
        Path rules = Path.of("rules");
        return new ScenarioReader().read(rules, rules.resolve(E9)).scenario();
    }

    /**
     * A relapse marrow taken at 20:00 in New York on 2018-02-09, the day before the 36-month anniversary of the
     * 2015-02-10 diagnosis, written by an EHR in UTC on the anniversary: early in the site's zone (a lower stratum than
     * late, with HSCT to consider), late as written.
     */
    @Test
    void aRelapseWrittenInUtc_theEveningBeforeThe36MonthAnniversary_isEarlyInTheSiteZone_lateAsWritten() {
        ScenarioRunner runner = new ScenarioRunner(evaluator);
        Scenario e9 = e9();

        assertThat(cogTiming(evaluator.inZone(NEW_YORK), e9, writtenInUtc(runner.data(e9)))).isEqualTo("EARLY");
        assertThat(cogTiming(evaluator, e9, writtenInUtc(runner.data(e9)))).as("as written").isEqualTo("LATE");
    }

    @Test
    void scenarios_readTheirDatesAsWritten_whateverTheEvaluatorsZone() {
        // 00:30 at +01:00 on the anniversary is 18:30 the day before in New York: early, were it read there
        ScenarioRunner runner = new ScenarioRunner(evaluator.inZone(NEW_YORK));

        assertThat(runner.run(rules, e9()).passed()).isTrue();
    }

    private static PatientData writtenInUtc(PatientData data) {
        data.ofType(Observation.class).stream().filter(o -> o.getIdElement().getIdPart().equals("relapse"))
                .forEach(relapse -> relapse.setEffective(new DateTimeType("2018-02-10T01:00:00Z")));
        return data;
    }

    private String cogTiming(PatientEvaluator zoned, Scenario s, PatientData data) {
        PatientEvaluator.Result result = zoned.evaluate(rules, rules.services().find(s.service()).orElseThrow(),
                new PatientEvaluator.Input(data, EvaluationTimes.parse(s.evaluationTime()), null, null));
        List<Finding> timing = result.findings().stream().map(f -> f.finding())
                .filter(f -> f.type().equals("relapse-timing") && f.scheme().equals("COG")).toList();
        assertThat(timing).hasSize(1);
        return timing.get(0).value();
    }
}
