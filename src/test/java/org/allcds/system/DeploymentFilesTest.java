package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker/compose.yaml and docker/k8s/ match the application, and the check catches each kind of drift (a changed
 * copy of the parsed files must be reported).
 */
class DeploymentFilesTest {

    private final DeploymentFiles files = new DeploymentFiles(Path.of("."));

    private ObjectNode container() {
        return (ObjectNode) files.deployment.at("/spec/template/spec/containers/0");
    }

    private ObjectNode env(String name) {
        for (var e : container().path("env")) {
            if (e.path("name").asString().equals(name)) {
                return (ObjectNode) e;
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Test
    void composeAndKubernetesFiles_matchTheApplication() {
        assertThat(files.problems()).isEmpty();
    }

    @Test
    void anAutoscalerThatScalesOutOnANewPodsWarmUp_isCaught() {
        ((ObjectNode) files.autoscaler.path("spec")).remove("behavior");

        assertThat(files.problems()).containsExactly("k8s HPA scales up on CPU within 0 s: a new pod's background warm-up"
                + " would read as load (behavior.scaleUp.stabilizationWindowSeconds: at least 60)");
    }

    @Test
    void aPodThatStopsServingBeforeItIsDrained_orIsKilledInItsGracefulShutdown_isCaught() {
        ((ObjectNode) container()).remove("lifecycle");
        ((ObjectNode) files.deployment.at("/spec/template/spec")).put("terminationGracePeriodSeconds", 30);

        assertThat(files.problems()).containsExactly(
                "k8s container has no preStop sleep of at least 5 s: at SIGTERM the server refuses connections while"
                        + " Services and load balancers still route to the pod",
                "k8s terminationGracePeriodSeconds 30 does not cover the preStop sleep (0 s) and the graceful shutdown (30 s)");
    }

    @Test
    void aVariableThatIsNoConfigurationKey_isCaught_inComposeAndInKubernetes() {
        ((ObjectNode) files.compose.at("/services/all-cds/environment")).put("ALLCDS_FEEDBACK_RETENTON", "30d");
        env("ALLCDS_RULES_WATCH").put("name", "ALLCDS_RULE_WATCH");

        assertThat(files.problems()).contains(
                "compose all-cds: ALLCDS_FEEDBACK_RETENTON is not a configuration key of the application",
                "k8s deployment: ALLCDS_RULE_WATCH is not a configuration key of the application");
    }

    @Test
    void portsAndProbePaths_thatDrift_areCaught() {
        ((ArrayNode) files.compose.at("/services/all-cds/ports")).set(0, "127.0.0.1:8080:9090");
        ((ObjectNode) container().path("ports").path(0)).put("containerPort", 9090);
        ((ObjectNode) container().at("/readinessProbe/httpGet")).put("path", "/health/ready");
        env("MANAGEMENT_SERVER_PORT").put("value", "9091");

        assertThat(files.problems()).anySatisfy(p -> assertThat(p).startsWith("compose all-cds publishes container port 9090"))
                .anySatisfy(p -> assertThat(p).startsWith("k8s container port http is 9090"))
                .anySatisfy(p -> assertThat(p).startsWith("k8s readinessProbe path /health/ready"))
                .anySatisfy(p -> assertThat(p).startsWith("k8s container port management is 8081 but the application listens on 9091"));
    }

    @Test
    void rulesMountedElsewhereThanAllcdsRulesDir_isCaught() {
        env("ALLCDS_RULES_DIR").put("value", "/srv/rules");

        assertThat(files.problems()).contains("k8s: nothing is mounted at allcds.rules.dir /srv/rules");
    }

    @Test
    void aComposeDatabaseOrFhirServerThatDrifts_isCaught() {
        ObjectNode env = (ObjectNode) files.compose.at("/services/all-cds/environment");
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/other");
        env.put("ALLCDS_FHIR_ALLOWEDSERVERS_0", "http://hapi:8080/fhir");

        assertThat(files.problems()).anySatisfy(p -> assertThat(p).contains("does not match a compose PostgreSQL service"))
                .contains("compose allowlist http://hapi:8080/fhir names no compose service")
                .anySatisfy(p -> assertThat(p).startsWith("compose fhir-loader loads"));
    }

    @Test
    void aComposeLoaderOutsideTheImagesExtractedJar_isCaught() {
        ArrayNode entrypoint = (ArrayNode) files.compose.at("/services/fhir-loader/entrypoint");
        entrypoint.set(2, "/app/all-cds.jar");

        assertThat(files.problems()).contains("compose fhir-loader's class path is not the image's extracted jar");
    }

    @Test
    void jvmSettingsThatDrift_areCaught_inKubernetesTheReadmeAndTheLauncher() {
        env("JAVA_TOOL_OPTIONS").put("value", "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC");
        files.readmeRunCommand = "java -jar target/all-cds.jar --spring.profiles.active=demo";
        files.launcher = files.launcher.replace("-Xmx256m", "-Xmx1g");

        assertThat(files.imageJvmOptions()).contains("-XX:+UseSerialGC").anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(files.problems()).anyMatch(p -> p.startsWith("k8s JAVA_TOOL_OPTIONS lacks the image's JVM option -Xmx"))
                .contains("README run command lacks the image's JVM option -XX:+UseSerialGC")
                .contains("bin/all-cds lacks the image's JVM option -Xmx256m")
                .noneMatch(p -> p.equals("k8s JAVA_TOOL_OPTIONS lacks the image's JVM option -XX:+UseSerialGC"));
    }

    @Test
    void startUpOptionsOfTheImageThatTheLauncherLacks_areCaught() {
        files.launcher = files.launcher.replace("-XX:CompileThresholdScaling=4", "-XX:CompileThresholdScaling=2")
                .replace("-XX:-UsePerfData", "");

        assertThat(files.entrypointStartOptions()).containsExactly("-XX:CompileThresholdScaling=4", "-XX:-UsePerfData");
        assertThat(files.problems()).contains("bin/all-cds lacks the image's start-up option -XX:CompileThresholdScaling=4",
                "bin/all-cds lacks the image's start-up option -XX:-UsePerfData");
    }

    @Test
    void relaxedBinding_mapsVariablesToKeys() {
        assertThat(DeploymentFiles.keyOfVariable("ALLCDS_SECURITY_ISSUERS_0_JWKSURL")).isEqualTo("allcds.security.issuers.jwksurl");
        assertThat(DeploymentFiles.configurationKeys()).contains("allcds.security.issuers.jwksurl", "allcds.rules.dir",
                "allcds.feedback.retention", "allcds.store.dir", "spring.datasource.url", "management.server.port", "logging.structured.format.console");
    }
}
