package org.allcds.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks {@code docker/compose.yaml} and {@code docker/k8s/} against the application: every environment variable they
 * give ALL-CDS is a configuration key it has (its own {@code @ConfigurationProperties} records, or Spring Boot's
 * documented keys), ports and probe paths are the ones it serves, and the rule folder is mounted where
 * {@code allcds.rules.dir} points. {@link #problems} lists every mismatch; the files are parsed trees, so a test can
 * also check that a changed copy is caught.
 */
final class DeploymentFiles {

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** Environment the JVM itself reads: not Spring configuration, allowed by name. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");

    final JsonNode compose;
    final JsonNode deployment;
    final JsonNode service;
    final JsonNode kustomization;
    final JsonNode autoscaler;
    final JsonNode application;
    final String dockerfile;
    /** The README's command that runs the service. */
    String readmeRunCommand;
    /** The launcher the README runs the service with ({@code bin/all-cds}). */
    String launcher;

    DeploymentFiles(Path repository) {
        compose = read(repository.resolve("docker/compose.yaml"));
        deployment = read(repository.resolve("docker/k8s/deployment.yaml"));
        service = read(repository.resolve("docker/k8s/service.yaml"));
        kustomization = read(repository.resolve("docker/k8s/kustomization.yaml"));
        autoscaler = read(repository.resolve("docker/k8s/hpa.yaml"));
        application = read(repository.resolve("src/main/resources/application.yaml"));
        try {
            dockerfile = Files.readString(repository.resolve("docker/Dockerfile"));
            launcher = Files.readString(repository.resolve("bin/all-cds"));
            readmeRunCommand = Files.readAllLines(repository.resolve("README.md")).stream()
                    .filter(l -> l.contains("java ") && l.contains("-jar target/all-cds.jar --spring.profiles.active"))
                    .findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- what the application has ---

    /**
     * Spring Boot's documented keys and this application's own, in canonical form (lower case, no dashes). Read once per
     * JVM: finding them scans every jar of the class path, and what the tests edit is the deployment files, not these.
     */
    static Set<String> configurationKeys() {
        return KnownKeys.ALL;
    }

    private static final class KnownKeys {
        static final Set<String> ALL = Set.copyOf(readConfigurationKeys());
    }

    private static Set<String> readConfigurationKeys() {
        Set<String> keys = new HashSet<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(
                    "classpath*:META-INF/*spring-configuration-metadata.json")) {
                try (InputStream in = r.getInputStream()) {
                    JsonMapper.builder().build().readTree(in).path("properties")
                            .forEach(p -> keys.add(canonical(p.path("name").asString())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        addYamlKeys("", read(Path.of("src/main/resources/application.yaml")), keys);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.allcds")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
                ConfigurationKeys.addRecordKeys(canonical(prefix), type, keys);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    /** Keys written in application.yaml, such as {@code allcds.store.dir}, which only a placeholder reads. */
    private static void addYamlKeys(String prefix, JsonNode node, Set<String> keys) {
        if (!node.isObject()) {
            keys.add(canonical(prefix));
            return;
        }
        node.properties().forEach(e -> addYamlKeys(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), keys));
    }

    /** Relaxed binding's canonical form: lower case, no dashes, list indexes dropped. */
    static String canonical(String key) {
        return ConfigurationKeys.canonical(key);
    }

    /** An environment variable as Spring reads it: {@code ALLCDS_SECURITY_ISSUERS_0_ISS} → allcds.security.issuers.iss. */
    static String keyOfVariable(String variable) {
        return ConfigurationKeys.keyOfVariable(variable);
    }

    int serverPort(Map<String, String> env) {
        return Integer.parseInt(env.getOrDefault("SERVER_PORT", application.at("/server/port").asString("8080")));
    }

    int managementPort(Map<String, String> env) {
        return env.containsKey("MANAGEMENT_SERVER_PORT") ? Integer.parseInt(env.get("MANAGEMENT_SERVER_PORT")) : serverPort(env);
    }

    String rulesDir(Map<String, String> env) {
        return env.getOrDefault("ALLCDS_RULES_DIR", application.at("/allcds/rules/dir").asString());
    }

    Set<String> probePaths() {
        String base = application.at("/management/endpoints/web/base-path").asString("/actuator");
        return application.at("/management/endpoint/health/probes/enabled").asBoolean(false)
                ? Set.of(base + "/health/liveness", base + "/health/readiness") : Set.of();
    }

    // --- the checks ---

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> keys = configurationKeys();
        composeProblems(keys, problems);
        kubernetesProblems(keys, problems);
        autoscalerProblems(problems);
        shutdownProblems(problems);
        jvmOptionProblems(problems);
        return problems;
    }

    /** Seconds Kubernetes may take to stop routing to a terminating pod: endpoints, kube-proxy, ingress. */
    static final int DRAIN_SECONDS = 5;

    /**
     * At SIGTERM the server stops accepting connections at once, so the pod must go on serving, in a preStop delay,
     * until the Service and load balancers have dropped it; and the grace period must cover that delay and the graceful
     * shutdown's wait for the requests in progress, or they are killed.
     */
    private void shutdownProblems(List<String> problems) {
        JsonNode command = deployment.at("/spec/template/spec/containers/0/lifecycle/preStop/exec/command");
        int preStop = command.size() == 2 && command.path(0).asString().equals("sleep") ? command.path(1).asInt(0) : 0;
        if (preStop < DRAIN_SECONDS) {
            problems.add("k8s container has no preStop sleep of at least " + DRAIN_SECONDS + " s: at SIGTERM the server "
                    + "refuses connections while Services and load balancers still route to the pod");
        }
        int graceful = (int) DurationStyle.detectAndParse(application.at("/spring/lifecycle/timeout-per-shutdown-phase")
                .asString("30s")).toSeconds();
        int grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt(30);
        if (grace <= preStop + graceful) {
            problems.add("k8s terminationGracePeriodSeconds " + grace + " does not cover the preStop sleep (" + preStop
                    + " s) and the graceful shutdown (" + graceful + " s)");
        }
    }

    /** The Kubernetes container's environment variables, by name. */
    private Map<String, String> deploymentEnv() {
        Map<String, String> env = new HashMap<>();
        deployment.at("/spec/template/spec/containers/0/env")
                .forEach(e -> env.put(e.path("name").asString(), e.path("value").asString()));
        return env;
    }

    /** Seconds of scale-up stabilization an autoscaler on CPU needs while new pods warm up after readiness. */
    static final int WARM_UP_WINDOW_SECONDS = 60;

    /**
     * After readiness the background warm-up keeps up to a core busy for 20-35 s (bench/RESULTS.md): an autoscaler on
     * CPU that acts on that at once reads each new pod's warm-up as load and scales out again.
     */
    private void autoscalerProblems(List<String> problems) {
        boolean onCpu = false;
        for (JsonNode metric : autoscaler.at("/spec/metrics")) {
            onCpu |= metric.at("/resource/name").asString().equals("cpu");
        }
        String calls = deploymentEnv().getOrDefault("ALLCDS_WARM_UP_BACKGROUND_CALLS",
                application.at("/allcds/warm-up/background-calls").asString());
        int window = autoscaler.at("/spec/behavior/scaleUp/stabilizationWindowSeconds").asInt(0);
        if (onCpu && !"0".equals(calls) && window < WARM_UP_WINDOW_SECONDS) {
            problems.add("k8s HPA scales up on CPU within " + window + " s: a new pod's background warm-up would read as"
                    + " load (behavior.scaleUp.stabilizationWindowSeconds: at least " + WARM_UP_WINDOW_SECONDS + ")");
        }
    }

    /** The image's JVM settings ({@code ENV JAVA_TOOL_OPTIONS} in the Dockerfile), or an empty list. */
    List<String> imageJvmOptions() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        return m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of();
    }

    /** The JVM settings {@code bin/all-cds} uses unless JAVA_OPTS replaces them. */
    List<String> launcherJvmOptions() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^java_opts=\"\\$\\{JAVA_OPTS:-([^}]*)}\"").matcher(launcher);
        return m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of();
    }

    /** JVM options the image's entry point adds for start-up (the class-data archive aside); bin/all-cds adds them too. */
    List<String> entrypointStartOptions() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]").matcher(dockerfile);
        return m.find() ? java.util.Arrays.stream(m.group(1).split(",")).map(o -> o.trim().replace("\"", ""))
                .filter(o -> o.startsWith("-XX:") && !o.startsWith("-XX:SharedArchiveFile")).toList() : List.of();
    }

    /**
     * The service runs with the same JVM settings wherever it is started as documented: the image sets them, the
     * Kubernetes deployment (whose JAVA_TOOL_OPTIONS replaces the image's) keeps them, and so do the README's command
     * and the launcher it runs.
     */
    private void jvmOptionProblems(List<String> problems) {
        List<String> image = imageJvmOptions();
        if (image.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            problems.add("Dockerfile: ENV JAVA_TOOL_OPTIONS sets no maximum heap (-Xmx)");
        }
        String k8s = "";
        for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asString().equals("JAVA_TOOL_OPTIONS")) {
                k8s = e.path("value").asString();
            }
        }
        List<String> k8sOptions = List.of(k8s.trim().split("\\s+"));
        List<String> readme = List.of(readmeRunCommand.trim().split("\\s+"));
        for (String option : image) {
            if (!k8sOptions.contains(option)) {
                problems.add("k8s JAVA_TOOL_OPTIONS lacks the image's JVM option " + option);
            }
            if (!readme.contains(option)) {
                problems.add("README run command lacks the image's JVM option " + option);
            }
            if (!launcherJvmOptions().contains(option)) {
                problems.add("bin/all-cds lacks the image's JVM option " + option);
            }
        }
        entrypointStartOptions().stream().filter(option -> !launcher.contains(option))
                .forEach(option -> problems.add("bin/all-cds lacks the image's start-up option " + option));
    }

    private void checkVariables(String where, Map<String, String> env, Set<String> keys, List<String> problems) {
        env.keySet().stream().filter(v -> !JVM_ENVIRONMENT.contains(v) && !keys.contains(keyOfVariable(v)))
                .forEach(v -> problems.add(where + ": " + v + " is not a configuration key of the application"));
    }

    private void composeProblems(Set<String> keys, List<String> problems) {
        JsonNode services = compose.path("services");
        JsonNode app = services.path("all-cds");
        Map<String, String> env = map(app.path("environment"));
        checkVariables("compose all-cds", env, keys, problems);
        for (JsonNode port : app.path("ports")) {
            String[] parts = port.asString().split(":");
            if (Integer.parseInt(parts[parts.length - 1]) != serverPort(env)) {
                problems.add("compose all-cds publishes container port " + parts[parts.length - 1] + " but the server listens on " + serverPort(env));
            }
        }
        String health = app.at("/healthcheck/test").toString();
        if (probePaths().stream().noneMatch(health::contains) || !health.contains("/" + managementPort(env) + " ")) {
            problems.add("compose all-cds healthcheck does not call a probe path of the application on its port: " + health);
        }
        URI database = URI.create(env.getOrDefault("SPRING_DATASOURCE_URL", "jdbc:").substring("jdbc:".length()));
        Map<String, String> pg = map(services.path(String.valueOf(database.getHost())).path("environment"));
        if (!("/" + pg.get("POSTGRES_DB")).equals(database.getPath()) || !pg.get("POSTGRES_USER").equals(env.get("SPRING_DATASOURCE_USERNAME"))
                || !pg.get("POSTGRES_PASSWORD").equals(env.get("SPRING_DATASOURCE_PASSWORD"))) {
            problems.add("compose all-cds database " + database + " does not match a compose PostgreSQL service's database and user");
        }
        String fhir = env.get("ALLCDS_FHIR_ALLOWEDSERVERS_0");
        URI fhirUri = URI.create(String.valueOf(fhir));
        if (!services.has(String.valueOf(fhirUri.getHost()))) {
            problems.add("compose allowlist " + fhir + " names no compose service");
        }
        List<String> loader = strings(services.at("/fhir-loader/entrypoint"));
        if (!loader.contains(fhir)) {
            problems.add("compose fhir-loader loads " + loader + ", not the allowed FHIR server " + fhir);
        }
        loader.stream().filter(a -> a.startsWith("org.allcds.")).forEach(a -> {
            try {
                Class.forName(a).getMethod("main", String[].class);
            } catch (ReflectiveOperationException e) {
                problems.add("compose fhir-loader runs " + a + ", which has no main method in the jar");
            }
        });
        int classPath = loader.indexOf("-cp") + 1;
        if (classPath == 0 || !dockerfile.contains(" " + loader.get(classPath).replaceAll("/all-cds\\.jar$", "") + " ")) {
            problems.add("compose fhir-loader's class path is not the image's extracted jar");
        }
        String requests = loader.get(loader.size() - 1);
        if (!requests.startsWith("/app/fhir-profiles/") || !dockerfile.contains("COPY fhir-profiles /app/fhir-profiles")) {
            problems.add("compose fhir-loader reads " + requests + ", which the image does not hold");
        }
    }

    private void kubernetesProblems(Set<String> keys, List<String> problems) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.path("containers").path(0);
        Map<String, String> env = deploymentEnv();
        checkVariables("k8s deployment", env, keys, problems);
        for (JsonNode secret : container.path("envFrom")) {
            String name = secret.at("/secretRef/name").asString();
            JsonNode data = findSecret(name);
            if (data == null) {
                problems.add("k8s deployment reads Secret " + name + ", which kustomization does not list");
            } else {
                checkVariables("k8s secret " + name, map(data.path("stringData")), keys, problems);
            }
        }
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asString(), p.path("containerPort").asInt()));
        expect(ports.get("http"), serverPort(env), "k8s container port http", problems);
        expect(ports.get("management"), managementPort(env), "k8s container port management", problems);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            if (!probePaths().contains(get.path("path").asString())) {
                problems.add("k8s " + probe + " path " + get.path("path").asString() + " is not a probe path of the application " + probePaths());
            }
            expect(ports.get(get.path("port").asString()), managementPort(env), "k8s " + probe + " port", problems);
        }
        if (!container.at("/livenessProbe/httpGet/path").asString().endsWith("/liveness")) {
            problems.add("k8s livenessProbe must call the liveness group");
        }
        JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
        expect(annotations.path("prometheus.io/port").asInt(), managementPort(env), "k8s prometheus.io/port", problems);
        String include = application.at("/management/endpoints/web/exposure/include").asString();
        if (!annotations.path("prometheus.io/path").asString().equals("/actuator/prometheus") || !include.contains("prometheus")) {
            problems.add("k8s prometheus.io/path is not an endpoint the application exposes (" + include + ")");
        }
        String servicePort = service.at("/spec/ports/0/targetPort").asString();
        if (!ports.containsKey(servicePort)) {
            problems.add("k8s Service targets port " + servicePort + ", which the container does not name");
        }
        rulesProblems(pod, container, env, problems);
    }

    private void rulesProblems(JsonNode pod, JsonNode container, Map<String, String> env, List<String> problems) {
        String rulesVolume = mountedVolume(container, rulesDir(env));
        if (rulesVolume == null) {
            problems.add("k8s: nothing is mounted at allcds.rules.dir " + rulesDir(env));
            return;
        }
        JsonNode init = pod.path("initContainers").path(0);
        List<String> unpack = strings(init.path("command"));
        String target = unpack.get(unpack.indexOf("-C") + 1);
        if (!rulesVolume.equals(mountedVolume(init, target))) {
            problems.add("k8s init container unpacks the rules to " + target + ", not into the volume mounted at " + rulesDir(env));
        }
        String archive = unpack.get(unpack.indexOf("-xzf") + 1);
        String archiveVolume = null;
        for (JsonNode m : init.path("volumeMounts")) {
            archiveVolume = archive.startsWith(m.path("mountPath").asString() + "/") ? m.path("name").asString() : archiveVolume;
        }
        String configMap = null;
        for (JsonNode v : pod.path("volumes")) {
            configMap = v.path("name").asString().equals(archiveVolume) ? v.at("/configMap/name").asString() : configMap;
        }
        String file = archive.substring(archive.lastIndexOf('/') + 1);
        boolean generated = false;
        for (JsonNode g : kustomization.path("configMapGenerator")) {
            generated |= g.path("name").asString().equals(configMap) && strings(g.path("files")).contains(file);
        }
        if (!generated) {
            problems.add("k8s: the rules archive " + archive + " is not the ConfigMap kustomization generates from " + file);
        }
    }

    private static String mountedVolume(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asString().equals(path)) {
                return m.path("name").asString();
            }
        }
        return null;
    }

    private JsonNode findSecret(String name) {
        for (JsonNode resource : kustomization.path("resources")) {
            JsonNode doc = read(Path.of("docker/k8s").resolve(resource.asString()));
            if ("Secret".equals(doc.path("kind").asString()) && name.equals(doc.at("/metadata/name").asString())) {
                return doc;
            }
        }
        return null;
    }

    private static void expect(Integer actual, int expected, String what, List<String> problems) {
        if (actual == null || actual != expected) {
            problems.add(what + " is " + actual + " but the application listens on " + expected);
        }
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().asString());
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asString()));
        return list;
    }
}
