package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RuleSetSource;
import org.allcds.fixtures.ThisBuild;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.HookPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discovery is built once per rule set: the same body on every call while the set serves, the new set's body right
 * after a reload swaps it in.
 */
class DiscoveryCacheTest {

    private static final Path FIXTURE = Path.of("src/test/resources/authoring/rules");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    private final RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
    private RuleSetHolder holder;
    private CdsHooksController controller;

    @BeforeEach
    void start() throws IOException {
        holder = new RuleSetHolder(compile(FIXTURE));
        HookPipeline pipeline = new HookPipeline(holder, null, null, null, new TemplateCodes(new FactMapper()));
        controller = new CdsHooksController(pipeline, holder, null, null, null, new WarmUpMark(), JSON);
    }

    @AfterEach
    void stop() {
        holder.current().retire();
    }

    @Test
    void discovery_isTheSameBodyOnEveryCall_asTheDocumentWouldBeWritten() {
        byte[] first = controller.discovery().getBody();

        assertThat(controller.discovery().getBody()).isSameAs(first);
        assertThat(first).isEqualTo(JSON.writeValueAsBytes(controller.discovery(holder.current())));
        assertThat(ruleSetVersions(first)).containsOnly("1.0.0");
    }

    /** Beside the rule set, discovery names the service build, as every card does. */
    @Test
    void discovery_namesTheServiceBuild_besideTheRuleSet() {
        JsonNode services = JSON.readTree(controller.discovery().getBody()).path("services");

        assertThat(services).isNotEmpty()
                .allSatisfy(s -> ThisBuild.assertNamedBy(s.path("extension").path("org.allcds").path("serviceBuild")));
    }

    /**
     * A harness may compare discovery documents byte for byte: the extension's members come out in one order in every
     * JVM (an immutable {@code Map.of} iterates in an order salted per JVM).
     */
    @Test
    void discovery_writesTheExtensionsMembersInAFixedOrder() {
        String body = new String(controller.discovery().getBody(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(body).containsPattern("\\{\"org\\.allcds\":\\{\"ruleSet\":\\{\"version\":\"[^\"]+\",\"hash\":\"[0-9a-f]+\"},"
                + "\"serviceBuild\":\\{\"version\":");
    }

    @Test
    void discovery_afterAReload_isTheNewRuleSets() throws IOException {
        byte[] before = controller.discovery().getBody();
        Path edited = copyOfFixture();
        Files.writeString(edited.resolve("config.yaml"),
                Files.readString(edited.resolve("config.yaml")).replace("version: 1.0.0", "version: 1.0.1"));

        holder.swap(compile(edited));
        byte[] after = controller.discovery().getBody();

        assertThat(ruleSetVersions(before)).containsOnly("1.0.0");
        assertThat(ruleSetVersions(after)).containsOnly("1.0.1");
        assertThat(JSON.readTree(after).path("services")).hasSameSizeAs(JSON.readTree(before).path("services"));
    }

    private RuleSet compile(Path folder) {
        return compiler.compile(RuleSetSource.read(folder)).ruleSet();
    }

    private static java.util.List<String> ruleSetVersions(byte[] body) {
        return JSON.readTree(body).path("services").valueStream()
                .map(s -> s.path("extension").path("org.allcds").path("ruleSet").path("version"))
                .map(JsonNode::asString).toList();
    }

    private Path copyOfFixture() throws IOException {
        Path copy = root.resolve("rules");
        try (Stream<Path> paths = Files.walk(FIXTURE)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = copy.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }
}
