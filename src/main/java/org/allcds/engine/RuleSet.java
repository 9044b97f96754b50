package org.allcds.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.allcds.catalog.ServiceCatalog;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.RuleConfig;
import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * A compiled, loaded rule set: its KieBase, services, configuration and rule catalogue. Requests hold a lease while
 * they evaluate, so a retired set is disposed (and its KieModule removed from the JVM-wide KieRepository, which would
 * otherwise keep every reloaded module alive) only when the last request on it has finished. Sessions come from a pool
 * per service (setting one up per call cost more than the rules it fires; {@link ServiceSessions}); the pools go with
 * the set.
 */
public final class RuleSet {

    private final RuleCompiler.Built built;
    private final KieBase kieBase;
    private final String version;
    private final String hash;
    private final Instant loadedAt;
    private final List<RuleInfo> rules;
    /** By package, then by name: a firing's rule is looked up without joining the two into a new string each time. */
    private final Map<String, Map<String, RuleInfo>> rulesByPackageAndName;
    private final ServiceCatalog services;
    private final RuleConfig config;
    private final FindingVocabulary findings;
    private final AtomicInteger leases = new AtomicInteger(1);
    private final AtomicBoolean retired = new AtomicBoolean();
    private final ServiceSessions sessions;

    RuleSet(RuleCompiler.Built built, String version, String hash, Instant loadedAt,
            List<RuleInfo> rules, ServiceCatalog services, RuleConfig config, FindingVocabulary findings) {
        this.built = built;
        this.kieBase = built.kieBase();
        this.version = version;
        this.hash = hash;
        this.loadedAt = loadedAt;
        this.rules = List.copyOf(rules);
        this.rulesByPackageAndName = rules.stream().collect(Collectors.groupingBy(RuleInfo::packageName,
                Collectors.toUnmodifiableMap(RuleInfo::name, Function.identity())));
        this.services = services;
        this.config = config;
        this.findings = findings;
        this.sessions = new ServiceSessions(kieBase,
                services.services().stream().map(ServiceDefinition::rulePackages).toList());
    }

    public String version() { return version; }

    /**
     * The finding types, schemes and values this set may conclude, and which its rules create; every evaluation and
     * every scenario's expectations are checked against it.
     */
    public FindingVocabulary findings() { return findings; }

    public String hash() { return hash; }

    public Instant loadedAt() { return loadedAt; }

    public List<RuleInfo> rules() { return rules; }

    public ServiceCatalog services() { return services; }

    public RuleConfig config() { return config; }

    KieBase kieBase() { return kieBase; }

    /**
     * An empty session holding only the rules of {@code rulePackages}, for one evaluation; {@code dispose()} resets it
     * and returns it to its pool.
     */
    KieSession borrowSession(Set<String> rulePackages) {
        return sessions.borrow(rulePackages);
    }

    /**
     * The Drools ReleaseId of this build: unique per build, removed from the KieRepository on disposal; null for the
     * precompiled rule set, which is in no KieRepository.
     */
    public ReleaseId releaseId() { return built.releaseId(); }

    /** True when this set was loaded from the build-time compilation rather than compiled from its folder. */
    public boolean precompiled() { return built.releaseId() == null; }

    /** The warnings of compiling the DRL (what the precompiled form carries for the author commands). */
    List<RuleProblem> buildProblems() { return built.problems(); }

    /**
     * A rule's DRL metadata value ({@code @part}, …) beyond the catalogue's fields, or null. Read from the KieBase,
     * so call it while holding the rule set (the current set, or one not yet swapped in).
     */
    public String metadata(RuleInfo rule, String key) {
        Rule r = kieBase.getRule(rule.packageName(), rule.name());
        Object value = r == null ? null : r.getMetaData().get(key);
        return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
    }

    RuleInfo ruleInfo(String packageName, String ruleName) {
        Map<String, RuleInfo> inPackage = rulesByPackageAndName.get(packageName);
        return inPackage == null ? null : inPackage.get(ruleName);
    }

    /** Takes a lease for one evaluation; false when the set has already been disposed (the caller re-reads the current set). */
    boolean acquire() {
        int n;
        do {
            n = leases.get();
            if (n == 0) {
                return false;
            }
        } while (!leases.compareAndSet(n, n + 1));
        return true;
    }

    void release() {
        if (leases.decrementAndGet() == 0) {
            dispose();
        }
    }

    /**
     * Drops the holder's own lease: the set is disposed once no request is using it. Idempotent: a second call (a
     * shutdown after a swap, a test's clean-up) must not drop a request's lease, which would dispose the set under it.
     */
    public void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    boolean isDisposed() {
        return leases.get() == 0;
    }

    private void dispose() {
        sessions.shutdown();
        built.dispose().run();
    }
}
