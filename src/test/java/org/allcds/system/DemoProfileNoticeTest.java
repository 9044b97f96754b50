package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoProfileNoticeTest {

    @Test
    void theDemosOwnSettings_areSaid() {
        MockEnvironment demo = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("allcds.security.enabled", "false").withProperty("allcds.cors.allowed-origins", "*");

        assertThat(DemoProfileNotice.notice(demo, false)).isEqualTo("DEMO PROFILE: listening on 127.0.0.1, rules from 'rules',"
                + " authentication off, CORS open to *. Do not use with patient data.");
    }

    @Test
    void theDemosOriginList_asItsYamlGivesIt_isSaid() {
        MockEnvironment demo = new MockEnvironment().withProperty("allcds.cors.allowed-origins[0]", "*");

        assertThat(DemoProfileNotice.notice(demo, false)).contains("CORS open to *.");
    }

    @Test
    void noOrigins_isCorsOff() {
        MockEnvironment none = new MockEnvironment().withProperty("allcds.cors.allowed-origins", "");

        assertThat(DemoProfileNotice.notice(none, false)).contains("CORS off.");
    }

    @Test
    void settingsAnOperatorOverrode_areSaid_notTheDemosDefaults() {
        MockEnvironment overridden = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("allcds.rules.dir", "live").withProperty("allcds.security.enabled", "false")
                .withProperty("allcds.cors.allowed-origins", "https://sandbox.cds-hooks.org");

        assertThat(DemoProfileNotice.notice(overridden, false)).contains("rules from 'live'",
                "CORS open to https://sandbox.cds-hooks.org").doesNotContain("any origin", "bundled");
    }

    /** Started where no rules folder is, the demo serves the bundled rule set, and says so, not "rules from 'rules'". */
    @Test
    void theBundledRuleSet_isSaid_whenTheFolderIsNotThere() {
        MockEnvironment demo = new MockEnvironment().withProperty("server.address", "127.0.0.1");

        assertThat(DemoProfileNotice.notice(demo, true))
                .contains("rules from the rule set bundled in the jar ('rules' not found)");
    }
}
