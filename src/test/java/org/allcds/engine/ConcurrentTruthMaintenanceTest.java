package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.drools.core.common.InternalWorkingMemory;
import org.drools.core.common.InternalWorkingMemoryEntryPoint;
import org.drools.core.common.TruthMaintenanceSystem;
import org.drools.core.common.TruthMaintenanceSystemFactory;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drools takes the project's truth maintenance factory, keeps a session's logically inserted facts in it while the
 * session evaluates and lets them go when the session returns to its pool; evaluations at once find what they find
 * one at a time.
 */
class ConcurrentTruthMaintenanceTest {

    private static final RuleSet RULES = BundledRuleSet.get();

    @Test
    void drools_usesThisFactory() {
        assertThat(TruthMaintenanceSystemFactory.get()).isInstanceOf(ConcurrentTruthMaintenance.class);
    }

    @Test
    void aSessionsLogicalFacts_areHeldWhileItEvaluates_andGoneWhenItReturnsToThePool() throws Exception {
        List<Object> facts = facts(Path.of("fhir-profiles/requests/ped-all-relapse-example-c.json"));
        TruthMaintenanceSystemFactory factory = TruthMaintenanceSystemFactory.get();
        KieSession session = RULES.borrowSession(packagesOf("ped-all-relapse"));
        InternalWorkingMemoryEntryPoint entryPoint =
                (InternalWorkingMemoryEntryPoint) ((InternalWorkingMemory) session).getDefaultEntryPoint();
        TruthMaintenanceSystem during;
        try {
            facts.forEach(session::insert);
            session.fireAllRules();
            during = factory.getOrCreateTruthMaintenanceSystem(entryPoint);
            assertThat(during.getEqualityKeysSize()).as("facts the rules inserted logically").isPositive();
        } finally {
            session.dispose();
        }
        TruthMaintenanceSystem after = factory.getOrCreateTruthMaintenanceSystem(entryPoint);
        try {
            assertThat(after).isNotSameAs(during);
            assertThat(during.getEqualityKeysSize()).as("cleared on reset").isZero();
        } finally {
            factory.clearTruthMaintenanceSystem(entryPoint);
        }
    }

    @Test
    void evaluationsOnManyThreads_findWhatEachFindsAlone() throws Exception {
        List<Path> requests = ServiceSessionsTest.workedExamples().toList();
        List<Evaluated> calls = new ArrayList<>();
        for (Path request : requests) {
            List<Object> facts = facts(request);
            for (ServiceDefinition service : RULES.services().services()) {
                Set<String> packages = Set.copyOf(service.rulePackages());
                calls.add(new Evaluated(request + " " + service.id(), packages, facts, findings(packages, facts)));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Set<Finding>>> running = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                calls.forEach(c -> running.add(threads.submit(() -> findings(c.packages(), c.facts()))));
            }
            for (int i = 0; i < running.size(); i++) {
                Evaluated call = calls.get(i % calls.size());
                assertThat(running.get(i).get()).as(call.name()).isEqualTo(call.alone());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private record Evaluated(String name, Set<String> packages, List<Object> facts, Set<Finding> alone) {
    }

    private static Set<Finding> findings(Set<String> packages, List<Object> facts) {
        return new RuleEvaluator().evaluate(RULES, packages, facts).findings().stream()
                .map(Evaluation.ExplainedFinding::finding).collect(Collectors.toSet());
    }

    private static Set<String> packagesOf(String serviceId) {
        return RULES.services().services().stream().filter(s -> s.id().equals(serviceId)).findFirst()
                .map(s -> Set.copyOf(s.rulePackages())).orElseThrow();
    }

    private static List<Object> facts(Path request) throws Exception {
        return ServiceSessionsTest.facts(JsonMapper.builder().build().readTree(Files.readString(request)), RULES);
    }
}
