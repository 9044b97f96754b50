package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A production start whose actuator would answer on the public port is told so; the demo and a set port are not. */
class SettingsCheckTest {

    @Test
    void authenticationOn_managementPortUnset_isWarned() {
        assertThat(SettingsCheck.actuatorOnThePublicPort(new MockEnvironment()))
                .hasValueSatisfying(warning -> assertThat(warning).contains("public port", "management.server.port"));
    }

    @Test
    void aManagementPort_theDemo_orAuthenticationOff_isNotWarned() {
        assertThat(SettingsCheck.actuatorOnThePublicPort(new MockEnvironment().withProperty("management.server.port", "8081")))
                .isEmpty();
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(SettingsCheck.actuatorOnThePublicPort(demo)).isEmpty();
        assertThat(SettingsCheck.actuatorOnThePublicPort(new MockEnvironment().withProperty("allcds.security.enabled", "false")))
                .isEmpty();
    }
}
