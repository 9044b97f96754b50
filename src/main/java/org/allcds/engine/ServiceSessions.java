package org.allcds.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.drools.core.impl.InternalRuleBase;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A KieBase and a session pool for each set of rule packages evaluated (one per service). With a single KieBase for
 * every service, each call pushed its facts through the whole network, evaluated the other services' rules only for an
 * agenda filter to refuse them, and returning the session reset every node memory; a service's own KieBase holds only
 * its rules, so it does none of that.
 *
 * <p>The KieBases are built from the rule set's compiled packages (Drools clones a package that another KieBase already
 * uses, its generated classes included), so the DRL is compiled once. Each is built when first asked for: the warm-up
 * at start-up and the reload gate's scenarios ask before a set serves, and commands that never evaluate (lint, the
 * build's precompile step) do not pay for them.
 */
final class ServiceSessions {

    /** Sessions created up front per pool; a pool grows when more requests evaluate at once. */
    private static final int INITIAL_SESSIONS = 2;

    private final KieBase whole;
    /** The packages that hold rules; the others (declared types, functions only) go into every KieBase. */
    private final Set<String> rulePackages;
    private final Map<Set<String>, KieSessionsPool> pools = new ConcurrentHashMap<>();
    /** The package sets of the rule set's services: their pools are built together, before the first session. */
    private final List<Set<String>> servicePackages;
    private volatile boolean shutDown;
    private boolean prepared;

    ServiceSessions(KieBase whole, Collection<? extends Collection<String>> servicePackages) {
        this.whole = whole;
        this.rulePackages = whole.getKiePackages().stream()
                .filter(p -> !p.getRules().isEmpty()).map(KiePackage::getName).collect(Collectors.toUnmodifiableSet());
        this.servicePackages = servicePackages.stream().<Set<String>>map(Set::copyOf).toList();
    }

    /**
     * An empty session whose KieBase holds exactly the rules of {@code packages}; {@code dispose()} returns it. Refused
     * once the rule set is disposed: a pool built then would never be shut down.
     */
    KieSession borrow(Set<String> packages) {
        KieSessionsPool pool = pools.get(packages);
        if (pool == null) {
            pool = build(Set.copyOf(packages));
        }
        return pool.newKieSession();
    }

    /**
     * The pool of {@code packages}, built with those of every service the first time, on one thread, before any session
     * of the set fires. Building a pool defines classes in the rule set's class loader, and Drools' PackageClassLoader
     * takes its own lock and then the loader's monitor to define one, while a firing rule that resolves a class takes
     * them the other way round: one service's pool built while another service's rules fire deadlocked both threads.
     * Only a package set no service declares is built later: nothing in the service asks for one, and a test that does
     * must not share its rule set with tests firing rules at the same time.
     */
    private synchronized KieSessionsPool build(Set<String> packages) {
        if (shutDown) {
            throw new IllegalStateException("The rule set has been disposed");
        }
        if (!prepared) {
            servicePackages.forEach(this::poolOf);
            prepared = true;
        }
        return poolOf(packages);
    }

    private KieSessionsPool poolOf(Set<String> packages) {
        return pools.computeIfAbsent(packages, p -> {
            KieBase kieBase = kieBaseOf(p);
            GeneratedClasses.load(kieBase);
            return kieBase.newKieSessionsPool(INITIAL_SESSIONS);
        });
    }

    /** The package sets whose pools are built. */
    Set<Set<String>> pooled() {
        return Set.copyOf(pools.keySet());
    }

    /** The KieBase of these packages' rules: the whole rule set's when they cover all of its rules. */
    KieBase kieBaseOf(Set<String> packages) {
        if (packages.containsAll(rulePackages)) {
            return whole;
        }
        List<KiePackage> selected = whole.getKiePackages().stream()
                .filter(p -> packages.contains(p.getName()) || !rulePackages.contains(p.getName()))
                .toList();
        // The whole set's class loader, so that a declared type (and a consequence class) is one class in every
        // KieBase: a type defined again in a loader of its own fails the constraints compiled against the first.
        ClassLoader classes = ((InternalRuleBase) whole).getRootClassLoader();
        InternalKnowledgeBase subset = KnowledgeBaseFactory.newKnowledgeBase(
                KieBaseSettings.subset(classes));
        subset.addPackages(selected);
        return subset;
    }

    synchronized void shutdown() {
        shutDown = true;
        pools.values().forEach(KieSessionsPool::shutdown);
        pools.clear();
    }
}
