package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service evaluates in a KieBase of its own rules, with the findings the whole rule set filtered to it gave.
 * Isolated: two of its tests build pools of their own over the bundled rule set, in its class loader, and building a
 * pool while another test class fires that set's rules deadlocked both (Drools' PackageClassLoader takes its two locks
 * in either order; the service builds every pool before a first session, which a second ServiceSessions on the same
 * set in one JVM does not). Seen once in a suite run, with FindingsContractTest and ExampleCalls firing.
 */
@Isolated
class ServiceSessionsTest {

    private static RuleSet ruleSet;

    @BeforeAll
    static void load() {
        ruleSet = BundledRuleSet.get();
    }

    @Test
    void aServicesSession_holdsExactlyTheRulesOfItsPackages() {
        for (ServiceDefinition service : ruleSet.services().services()) {
            KieSession session = ruleSet.borrowSession(Set.copyOf(service.rulePackages()));
            try {
                Set<String> withRules = session.getKieBase().getKiePackages().stream()
                        .filter(p -> !p.getRules().isEmpty()).map(KiePackage::getName).collect(Collectors.toSet());
                assertThat(withRules).as(service.id()).containsExactlyInAnyOrderElementsOf(service.rulePackages());
            } finally {
                session.dispose();
            }
        }
    }

    @Test
    void packagesCoveringEveryRule_evaluateInTheWholeKieBase() {
        Set<String> all = ruleSet.rules().stream().map(RuleInfo::packageName).collect(Collectors.toSet());
        KieSession session = ruleSet.borrowSession(all);
        try {
            assertThat(session.getKieBase()).isSameAs(ruleSet.kieBase());
        } finally {
            session.dispose();
        }
    }

    /**
     * Building a pool defines classes in the rule set's loader, which deadlocked against another service's rules firing
     * (Drools' PackageClassLoader takes two locks in either order): every service's pool exists before a first session.
     */
    @Test
    void theFirstSession_comesAfterEveryServicesPoolIsBuilt() {
        List<Set<String>> services = ruleSet.services().services().stream()
                .<Set<String>>map(s -> Set.copyOf(s.rulePackages())).toList();
        ServiceSessions sessions = new ServiceSessions(ruleSet.kieBase(), services);
        assertThat(sessions.pooled()).isEmpty();

        sessions.borrow(services.get(0)).dispose();

        assertThat(sessions.pooled()).containsExactlyInAnyOrderElementsOf(services);
        sessions.shutdown();
    }

    @Test
    void afterShutdown_noPoolIsBuilt() {
        ServiceSessions sessions = new ServiceSessions(ruleSet.kieBase(), List.of());
        sessions.borrow(Set.of("org.allcds.rules.common")).dispose();
        sessions.shutdown();
        assertThatThrownBy(() -> sessions.borrow(Set.of("org.allcds.rules.risk")))
                .isInstanceOf(IllegalStateException.class);
    }

    static Stream<Path> workedExamples() throws IOException {
        return Files.list(Path.of("fhir-profiles/requests")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    /** The former evaluation: every service's rules in one session, an agenda filter firing only the service's. */
    @ParameterizedTest
    @MethodSource("workedExamples")
    void everyService_findsWhatTheWholeRuleSetFilteredToItFound(Path request) throws IOException {
        List<Object> facts = facts(JsonMapper.builder().build().readTree(Files.readString(request)), ruleSet);
        int found = 0;
        for (ServiceDefinition service : ruleSet.services().services()) {
            Set<String> packages = Set.copyOf(service.rulePackages());
            Evaluation own = new RuleEvaluator().evaluate(ruleSet, packages, facts);
            Evaluation filtered = wholeRuleSetFiltered(packages, facts);
            assertThat(findings(own)).as(service.id()).isEqualTo(findings(filtered));
            assertThat(Set.copyOf(own.firedRules())).as(service.id()).isEqualTo(Set.copyOf(filtered.firedRules()));
            found += own.findings().size();
        }
        assertThat(found).as("findings of every service on " + request.getFileName()).isPositive();
    }

    /**
     * The order-sign service runs every package in one session: it must find every finding a patient-view service
     * finds in its own, or an order check could rest on a risk group the risk service gives and this session lost.
     * With Drools sharing join nodes between rules, adding one relapse rule (even one that never fires) lost the risk
     * package's COG group here.
     */
    @ParameterizedTest
    @MethodSource("workedExamples")
    void theWholeRuleSet_findsEveryFindingOfEachService(Path request) throws IOException {
        List<Object> facts = facts(JsonMapper.builder().build().readTree(Files.readString(request)), ruleSet);
        Set<String> every = ruleSet.services().services().stream().flatMap(s -> s.rulePackages().stream())
                .collect(Collectors.toSet());
        Set<Finding> whole = findings(new RuleEvaluator().evaluate(ruleSet, every, facts));
        for (ServiceDefinition service : ruleSet.services().services()) {
            Set<Finding> own = findings(new RuleEvaluator().evaluate(ruleSet, Set.copyOf(service.rulePackages()), facts));
            assertThat(whole).as(service.id()).containsAll(own);
        }
    }

    private static Set<Finding> findings(Evaluation evaluation) {
        return evaluation.findings().stream().map(Evaluation.ExplainedFinding::finding).collect(Collectors.toSet());
    }

    private static Evaluation wholeRuleSetFiltered(Set<String> packages, List<Object> facts) {
        ProvenanceRecorder recorder = new ProvenanceRecorder(ruleSet);
        KieSession session = ruleSet.kieBase().newKieSession();
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            facts.forEach(session::insert);
            session.fireAllRules(match -> packages.contains(match.getRule().getPackageName()));
        } finally {
            session.dispose();
        }
        return recorder.toEvaluation();
    }

    /** The facts the service maps from a worked example request, with its evaluation time and the rule config. */
    static List<Object> facts(JsonNode request, RuleSet ruleSet) {
        EvaluationTime at = EvaluationTimes.parse(request.at("/extension/org.allcds/evaluationTime").asString());
        PatientData data = new PatientData(new LocalPrefetch().prefetch(request.get("prefetch")));
        List<Object> facts = new ArrayList<>(new FactMapper().map(data, at.date()));
        facts.add(at);
        facts.add(ruleSet.config());
        return facts;
    }
}
