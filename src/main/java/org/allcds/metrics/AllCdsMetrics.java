package org.allcds.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every ALL-CDS meter, in one place so that their names and tags stay consistent. Tag values come only from bounded,
 * patient-free vocabularies: service ids and prefetch keys of services.yaml, rule ids, finding types and values of the
 * rules, HTTP statuses, fixed outcome and reason words. Never a path, a patient id, a token or free text.
 *
 * <p>The meters counted on every service call (and on every batch of cards recorded) are kept by their tag values:
 * registering one looks it up by its whole id (name and sorted tags) on each call, and a hook call counts a dozen rules
 * and findings. The vocabularies are
 * bounded, so these maps are too.
 */
public class AllCdsMetrics {

    public static final String NONE = "none";

    private final MeterRegistry registry;
    private final MultiGauge ruleSetInfo;
    private final Map<String, Map<String, Timer>> serviceCalls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> ruleFirings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> findings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Timer>> prefetchFetches = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> cardsRecorded = new ConcurrentHashMap<>();

    public AllCdsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ruleSetInfo = MultiGauge.builder("allcds.ruleset.serving")
                .description("The rule set serving (value 1), by version and hash").register(registry);
    }

    /**
     * Whether the JWT replay table is shared by the replicas (1) or this replica decides from its own memory (0, the
     * database did not answer): while 0, a token replayed at another replica is not refused, which an alert should say.
     */
    public void replayShared(java.util.function.BooleanSupplier shared) {
        io.micrometer.core.instrument.Gauge.builder("allcds.jwt.replay.shared", () -> shared.getAsBoolean() ? 1 : 0)
                .description("1 while the replicas share the JWT replay table, 0 while this replica uses its own memory")
                .register(registry);
    }

    /** A service call, by service (a declared id, else {@link #NONE}) and HTTP status. */
    public void serviceCall(String service, int status, Duration took) {
        String code = Integer.toString(status);
        cached(serviceCalls, service, code, () -> Timer.builder("allcds.service.calls")
                .description("CDS service calls by service and status").tag("service", service).tag("status", code)
                .publishPercentileHistogram().register(registry)).record(took);
    }

    /** One prefetch key fetched from the FHIR server: outcome fetched, failed or timeout. */
    public void prefetchFetch(String key, String outcome, Duration took) {
        cached(prefetchFetches, key, outcome, () -> Timer.builder("allcds.prefetch.fetches")
                .description("FHIR fetches of prefetch keys by key and outcome").tag("key", key).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry)).record(took);
    }

    /** A rule that produced a finding on a card issued. */
    public void ruleFired(String ruleId) {
        cached(ruleFirings, ruleId, "", () -> Counter.builder("allcds.rule.firings")
                .description("Rules whose findings were on cards issued, by rule id").tag("rule", ruleId)
                .register(registry)).increment();
    }

    public void finding(String type, String value) {
        cached(findings, type, value, () -> Counter.builder("allcds.findings")
                .description("Findings on cards issued, by type and value").tag("type", type).tag("value", value)
                .register(registry)).increment();
    }

    /**
     * The meter kept under two tag values, registered on first use (two levels: no key object per call). Plain reads
     * first: computeIfAbsent locks the key's bin unless the key heads it, and every call asks for the same meters.
     */
    private static <M> M cached(Map<String, Map<String, M>> meters, String first, String second, Supplier<M> register) {
        Map<String, M> bySecond = meters.get(first);
        if (bySecond == null) {
            bySecond = meters.computeIfAbsent(first, k -> new ConcurrentHashMap<>());
        }
        M meter = bySecond.get(second);
        return meter != null ? meter : bySecond.computeIfAbsent(second, k -> register.get());
    }

    /** A rule reload: loaded, unchanged or refused. */
    public void reload(String outcome) {
        Counter.builder("allcds.rules.reloads").description("Rule set reloads by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** Replaces the info series, so that exactly the serving rule set is reported. */
    public void serving(String version, String hash) {
        ruleSetInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version, "hash", hash), 1)), true);
    }

    /** A refused client JWT, by {@link JwtRefusal} category. */
    public void jwtRefused(JwtRefusal reason) {
        Counter.builder("allcds.jwt.refusals").description("Client JWTs refused, by reason category")
                .tag("reason", reason.tag()).register(registry).increment();
    }

    /** Feedback entries: accepted, overridden, invalid or store-unavailable. */
    public void feedback(String service, String outcome, int entries) {
        Counter.builder("allcds.feedback").description("Feedback entries by service and outcome")
                .tag("service", service).tag("outcome", outcome).register(registry).increment(entries);
    }

    /** Cards issued as recorded in the feedback store: stored, failed (store down) or dropped (queue full). */
    public void cardsRecorded(String outcome, int cards) {
        cached(cardsRecorded, outcome, "", () -> Counter.builder("allcds.cards.recorded")
                .description("Cards issued, as recorded in the feedback store").tag("outcome", outcome)
                .register(registry)).increment(cards);
    }
}
