package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 36-month boundary of R-REL-02, inclusive (COG "< 36 months is early") or exclusive ("more than 36 months"), and
 * where the COG timing is the same at every site (before 18 months early, from 36 months late) or depends on it.
 */
class RuleConfigTest {

    private static RuleConfig config(boolean inclusive) {
        BigDecimal x = BigDecimal.ONE;
        return new RuleConfig(FrontlineProfile.COG_AALL08B1, List.of(RelapseScheme.COG_AALL1331), RelapseScheme.COG_AALL1331,
                List.of(LabelProfile.FDA), 1, 10, x, 13, x, x, x, x, x,
                Set.of(), Set.of(), false, 36, inclusive, 18, 18, 6, x, x, x, x, 1, 25, 2);
    }

    @ParameterizedTest(name = "inclusive={0}: {1} months, on anniversary={2} -> late={3}")
    @CsvSource({
        "true, 35, false, false", "true, 36, true, true", "true, 36, false, true", "true, 37, false, true",
        "false, 35, false, false", "false, 36, true, false", "false, 36, false, true", "false, 37, true, true"})
    void cogMarrowLate_followsTheConfiguredBoundary(boolean inclusive, int months, boolean onAnniversary, boolean late) {
        RelapseTiming timing = new RelapseTiming(months, onAnniversary, TherapyState.UNKNOWN, -1);
        assertThat(config(inclusive).isCogMarrowLate(timing)).isEqualTo(late);
    }

    @ParameterizedTest(name = "inclusive={0}: {1} months, on anniversary={2} -> depends on the site={3}")
    @CsvSource({
        "true, 17, false, false", "true, 18, true, true", "true, 35, false, true", "true, 36, true, false",
        "false, 36, true, true", "false, 36, false, false", "false, 37, true, false"})
    void cogTiming_dependsOnTheSiteOnlyBetweenTheTwoCutOffs(boolean inclusive, int months, boolean onAnniversary,
            boolean dependsOnSite) {
        RelapseTiming timing = new RelapseTiming(months, onAnniversary, TherapyState.UNKNOWN, -1);
        assertThat(config(inclusive).cogTimingDependsOnSite(timing)).isEqualTo(dependsOnSite);
    }
}
