package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoProfileNoticeTest {

    @Test
    void theDemosOwnSettings_areSaid() {
        MockEnvironment demo = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("allcds.security.enabled", "false").withProperty("allcds.cors.allowed-origins", "*");

        assertThat(DemoProfileNotice.notice(demo)).isEqualTo("DEMO PROFILE: listening on 127.0.0.1, rules from 'rules',"
                + " authentication off, CORS open to *. Do not use with patient data.");
    }

    @Test
    void theDemosOriginList_asItsYamlGivesIt_isSaid() {
        MockEnvironment demo = new MockEnvironment().withProperty("allcds.cors.allowed-origins[0]", "*");

        assertThat(DemoProfileNotice.notice(demo)).contains("CORS open to *.");
    }

    @Test
    void noOrigins_isCorsOff() {
        MockEnvironment none = new MockEnvironment().withProperty("allcds.cors.allowed-origins", "");

        assertThat(DemoProfileNotice.notice(none)).contains("CORS off.");
    }

    @Test
    void settingsAnOperatorOverrode_areSaid_notTheDemosDefaults() {
        MockEnvironment overridden = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("allcds.rules.dir", "live").withProperty("allcds.security.enabled", "false")
                .withProperty("allcds.cors.allowed-origins", "https://sandbox.cds-hooks.org");

        assertThat(DemoProfileNotice.notice(overridden)).contains("rules from 'live'",
                "CORS open to https://sandbox.cds-hooks.org").doesNotContain("any origin", "bundled");
    }
}
