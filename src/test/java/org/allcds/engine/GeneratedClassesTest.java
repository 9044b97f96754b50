package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.fixtures.BundledRuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's KieBase has its rules' generated classes loaded before it serves, so a request that fires a rule for the
 * first time does not load that rule's classes. Each check builds a fresh service KieBase (its packages cloned, with
 * class loaders of their own, so nothing another test loaded counts) and records class loads with the flight recorder
 * while worked example D (a relapse: many rules fire) is evaluated. Runs alone: the recorder is the JVM's, so a
 * recording made by another test at the same time, or another thread loading classes of the same names, would show in
 * this one's events.
 */
@Isolated
class GeneratedClassesTest {

    private static final Path EXAMPLE = Path.of("fhir-profiles/requests/ped-all-relapse-example-d.json");

    private final RuleSet ruleSet = BundledRuleSet.get();
    private final Set<String> relapse = Set.copyOf(service("ped-all-relapse").rulePackages());

    @Test
    void aPooledServiceSession_firesRulesWithoutLoadingTheirGeneratedClasses(@TempDir Path tmp) throws IOException {
        ServiceSessions sessions = new ServiceSessions(ruleSet.kieBase(), List.of());
        try {
            KieSession session = sessions.borrow(relapse);
            List<String> loaded = generatedClassesLoadedWhileFiring(session, tmp.resolve("pooled.jfr"));
            assertThat(loaded).isEmpty();
        } finally {
            sessions.shutdown();
        }
    }

    @Test
    void withoutTheLoad_firingRulesLoadsTheirGeneratedClasses_soTheProbeSeesThem(@TempDir Path tmp) throws IOException {
        KieBase fresh = new ServiceSessions(ruleSet.kieBase(), List.of()).kieBaseOf(relapse);
        List<String> loaded = generatedClassesLoadedWhileFiring(fresh.newKieSession(), tmp.resolve("fresh.jfr"));
        assertThat(loaded).isNotEmpty();
    }

    @Test
    void loadsEveryGeneratedClassOfTheKieBase() {
        KieBase fresh = new ServiceSessions(ruleSet.kieBase(), List.of()).kieBaseOf(relapse);
        assertThat(GeneratedClasses.load(fresh)).isEqualTo(GeneratedClasses.names(fresh).size()).isPositive();
    }

    /** The generated classes of {@code session}'s KieBase that were loaded while the example's facts fired. */
    private List<String> generatedClassesLoadedWhileFiring(KieSession session, Path file) throws IOException {
        Set<String> generated = GeneratedClasses.names(session.getKieBase());
        List<Object> facts = facts();
        Instant from;
        Instant to;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ClassLoad");
            recording.start();
            from = Instant.now();
            try {
                facts.forEach(session::insert);
                assertThat(session.fireAllRules()).as("rules fired").isPositive();
            } finally {
                session.dispose();
            }
            to = Instant.now();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to))
                .map(e -> e.getClass("loadedClass").getName())
                .filter(generated::contains)
                .toList();
    }

    private List<Object> facts() throws IOException {
        return ServiceSessionsTest.facts(JsonMapper.builder().build().readTree(Files.readString(EXAMPLE)), ruleSet);
    }

    private ServiceDefinition service(String id) {
        return ruleSet.services().find(id).orElseThrow();
    }
}
