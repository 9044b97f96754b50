package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.drools.core.common.IdentityObjectStore;
import org.drools.core.common.InternalWorkingMemory;
import org.drools.core.reteoo.RuntimeComponentFactory;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drools takes the project's runtime components: a pooled session keeps its facts in one identity store, which holds
 * what was inserted while the session evaluates and is empty when the session is back in its pool.
 */
class IdentityFactStoresTest {

    private static final RuleSet RULES = BundledRuleSet.get();

    @Test
    void drools_usesTheseComponents() {
        assertThat(RuntimeComponentFactory.get()).isInstanceOf(IdentityFactStores.class);
    }

    @Test
    void aPooledSession_keepsItsFactsInOneIdentityStore_emptiedWhenItReturnsToThePool() throws Exception {
        Path request = Path.of("fhir-profiles/requests/ped-all-relapse-example-c.json");
        List<Object> facts = ServiceSessionsTest.facts(JsonMapper.builder().build().readTree(request.toFile()), RULES);
        Set<String> packages = Set.copyOf(RULES.services().find("ped-all-relapse").orElseThrow().rulePackages());
        for (int use = 0; use < 2; use++) {
            KieSession session = RULES.borrowSession(packages);
            InternalWorkingMemory memory = (InternalWorkingMemory) session;
            try {
                assertThat(memory.getDefaultEntryPoint().getObjectStore()).isInstanceOf(IdentityObjectStore.class)
                        .matches(store -> store.isEmpty(), "empty when borrowed");
                facts.forEach(session::insert);
                session.fireAllRules();
                List<Object> held = List.copyOf(session.getObjects());
                assertThat(held).containsAll(facts).anyMatch(o -> o instanceof Finding);
            } finally {
                session.dispose();
            }
        }
    }
}
