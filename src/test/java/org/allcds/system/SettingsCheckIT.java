package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.allcds.AllCdsApplication;
import org.allcds.fixtures.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;

/**
 * Settings that binding would let through stop or warn at start-up: the actuator's port set to the public port, and
 * an ALLCDS_ environment variable that binds to no setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsCheckIT {

    /** The process's environment plus {@code extra}, as if the service were started with those variables set. */
    private static StandardEnvironment withVariables(Map<String, String> extra) {
        return new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                Map<String, Object> variables = new HashMap<>(super.getSystemEnvironment());
                variables.putAll(extra);
                return variables;
            }
        };
    }

    @Test
    void actuatorOnThePublicPort_stopsTheStart_namingBothKeys_andAMisspelledVariableIsNamed(CapturedOutput output) {
        int port = FreePorts.next();
        SpringApplicationBuilder app = new SpringApplicationBuilder(AllCdsApplication.class)
                .environment(withVariables(Map.of("ALLCDS_FEEDBACK_RETENTON", "30d", "ALLCDS_FEEDBACK_RETENTION", "30d",
                        "ALLCDS_FHIR_ALLOWEDSERVERS_0", "https://fhir.example.org/r4", "ALLCDS_STORE_DIR", "./data",
                        "ALLCDS_JAR", "all-cds.jar")));

        assertThatThrownBy(() -> app.run("--server.port=" + port, "--management.server.port=" + port,
                "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:settings-check",
                "--allcds.security.enabled=false", "--allcds.rules.watch=false", "--allcds.warm-up.enabled=false").close()).satisfies(e -> assertThat(
                NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                .contains("management.server.port (" + port + ")").contains("server.port (" + port + ")"));
        assertThat(output.getOut() + output.getErr()).contains("[ALLCDS_FEEDBACK_RETENTON] bind to no setting");
    }
}
