package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.allcds.AllCdsApplication;
import org.allcds.fixtures.FreePorts;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Start-up runs the reload gate on an authored rules folder: a folder whose scenarios fail, or whose rules throw for
 * the patients of its scenarios, stops the start naming what failed, as a reload would refuse it; a rule that throws
 * for a patient no scenario has is named in the log of the 500 it causes.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupGateIT {

    /** Throws in its consequence for every patient with a WBC above {@code limit}. */
    private static String throwingRule(int limit) {
        return """
                package org.allcds.rules.risk
                import org.allcds.facts.*;

                rule "R-DX-97 throws"
                    @id("R-DX-97") @version("1.0.0") @source("test")
                    salience 10
                when
                    $w : WbcAtDiagnosis( per10e9L > %d )
                then
                    insert($w.per10e9L().divide(java.math.BigDecimal.ZERO));
                end
                """.formatted(limit);
    }

    private static ConfigurableApplicationContext start(Path rules, int port) {
        return new SpringApplicationBuilder(AllCdsApplication.class).run("--server.port=" + port,
                "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:startup-gate-" + port,
                "--allcds.security.enabled=false", "--allcds.rules.dir=" + rules, "--allcds.rules.watch=false",
                "--allcds.warm-up.enabled=false");
    }

    private static String failureOf(Path rules) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> start(rules, FreePorts.next()).close()).satisfies(e -> failure[0] = e);
        return NestedExceptionUtils.getMostSpecificCause(failure[0]).getMessage();
    }

    @Test
    void aFolderWhoseScenariosFail_stopsTheStart_namingThem(@TempDir Path root) {
        Path rules = RuleFolders.copy(root);
        // worked example A (WBC 8.0) becomes NCI high risk: its scenario expects standard risk
        RuleFolders.edit(rules.resolve("config.yaml"), "nciHighRiskWbc: 50", "nciHighRiskWbc: 5");

        assertThat(failureOf(rules)).contains("is refused", "0 passed, 1 failed", RuleFolders.FIXTURE_SCENARIO,
                "expected, not produced: nci-risk NCI STANDARD");
    }

    @Test
    void aRuleThatThrowsForTheScenariosPatients_stopsTheStart_namingTheRuleAndItsFile(@TempDir Path root) {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/boom.drl"), throwingRule(0));

        assertThat(failureOf(rules)).contains("is refused", RuleFolders.FIXTURE_SCENARIO, "could not run", "R-DX-97",
                "risk/boom.drl").doesNotContain("org/allcds/rules");
    }

    @Test
    void aRuleThatThrowsForAnotherPatient_isNamedInTheLogOfThe500(@TempDir Path root, CapturedOutput output)
            throws Exception {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/boom.drl"), throwingRule(100));
        int port = FreePorts.next();
        try (ConfigurableApplicationContext ignored = start(rules, port)) {
            String request = RuleFolders.read(rules.resolve(RuleFolders.FIXTURE_REQUEST))
                    .replace("\"value\": 8.0,", "\"value\": 150.5,");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/cds-services/ped-all-risk"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(500);
        }
        String line = output.getAll().lines().filter(l -> l.contains("-> 500")).findFirst().orElseThrow();
        assertThat(line).contains("R-DX-97", "risk/boom.drl").doesNotContain("150.5");
    }
}
