package org.allcds.engine;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the serving rule set with the folder's current content, behind a gate: the new set must compile without
 * error (with every author check, {@link RuleSetCheck}) and pass the {@link RuleSetGate} (every scenario in its
 * {@code tests/}), run against the new set before anyone can use it. Builds run one at a time on one thread, off the request path. The swap is atomic; requests in flight
 * finish on the old set, which is disposed (and its KieModule removed) when the last of them ends. A refused set is
 * disposed at once and the refusal is kept for the status endpoint; the old set keeps serving.
 */
public final class RuleReloader implements AutoCloseable {

    static final Duration DEBOUNCE = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(RuleReloader.class);

    private final Path dir;
    private final RuleSetHolder holder;
    private final RuleSetCheck check;
    /**
     * The last reload's DRL build: a reload that changes no DRL file reuses it instead of compiling again. Let go after
     * a refusal, so that a refused build is never kept beside the serving one.
     */
    private final ReusableBuild lastBuild = new ReusableBuild();
    private final RuleSetGate gate;
    private final Clock clock;
    private final ExecutorService builds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private volatile ReloadAttempt lastFailure;
    /** True once a reload has compiled DRL: the compiler warm-up is then pointless. */
    private volatile boolean drlCompiled;
    private volatile FolderWatcher watcher;
    /** The folder's scenarios as last run against the serving set (at start, or by the gate that loaded it). */
    private volatile String gatedScenarios;
    private volatile Consumer<ReloadAttempt> observer = attempt -> { };

    public RuleReloader(Path dir, RuleSetHolder holder, RuleSetCheck check, RuleSetGate gate, Clock clock) {
        this.dir = dir;
        this.holder = holder;
        this.check = check;
        this.gate = gate;
        this.clock = clock;
        this.gatedScenarios = scenariosHash(dir);
    }

    private static String scenariosHash(Path dir) {
        try {
            return RuleSetSource.scenariosHash(dir);
        } catch (UncheckedIOException e) {
            return null; // read again, and the gate run, on the next reload
        }
    }

    /** Starts watching the folder (recursively, debounced); each quiet burst of changes queues a reload. */
    public void watch() {
        watcher = FolderWatcher.start(dir, DEBOUNCE, () -> builds.submit(() -> build("watch")));
        log.info("Watching the rules folder for changes");
    }

    /** True once {@link #watch} has started watching the folder. */
    public boolean watching() {
        return watcher != null;
    }

    /**
     * Compiles the folder's rule set from DRL once, runs the gate on it and throws it away ({@link CompilerWarmUp}), so
     * that the first reload after an edit finds the DRL and Java compilers and a gate on a new set loaded and compiled
     * by the JIT, as later reloads do. Called once
     * the service is ready, and only when the folder is watched; it starts {@code delay} later, so that it does not
     * compete with the readiness probe and the first requests for the two cores of a small machine (measured: run at
     * once, it delayed the first answered readiness probe by several seconds of CPU). Skipped when a reload has
     * compiled already; a reload saved while it runs waits for it.
     */
    public void warmCompiler(Duration delay) {
        Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, builds);
        later.execute(() -> {
            if (drlCompiled) {
                return;
            }
            long start = System.nanoTime();
            try {
                RuleCompiler.Result result = check.compile(CompilerWarmUp.source(RuleSetSource.read(dir)));
                if (result.ok()) {
                    try {
                        // the gate's verdict on a set that never serves is not wanted, only its run: the first
                        // gate on a new KieBase was half the first reload, most of it the JIT (bench/RESULTS.md)
                        gate.check(result.ruleSet(), dir);
                    } finally {
                        result.ruleSet().retire();
                    }
                }
                log.info("DRL compiler and scenario gate warmed up for the first reload in {} ms",
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                // only a warm-up: the first reload is slower, nothing else changes
                log.debug("Rule compiler warm-up skipped: {}", e.toString());
            }
        });
    }

    /**
     * Lets the gate read its checks ahead ({@link RuleSetGate#prepare}), {@code delay} from now, so that the first
     * reload finds them read: called once the service is ready, when the folder is watched.
     */
    public void prepareGate(Duration delay) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            try {
                gate.prepare(dir);
            } catch (RuntimeException e) {
                log.debug("Reading the gate's checks ahead skipped: {}", e.toString());
            }
        });
    }

    /** Queues a reload behind any running one and waits for its outcome. */
    public ReloadAttempt reload(String trigger) {
        Future<ReloadAttempt> attempt = builds.submit(() -> build(trigger));
        try {
            return attempt.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the reload", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The reload failed unexpectedly", e.getCause());
        }
    }

    /** The most recent refused attempt, or null when none has been refused since start. */
    public ReloadAttempt lastFailure() {
        return lastFailure;
    }

    public RuleSetHolder holder() {
        return holder;
    }

    /** Told of every attempt's outcome (metrics). */
    public void observe(Consumer<ReloadAttempt> observer) {
        this.observer = observer;
    }

    private ReloadAttempt build(String trigger) {
        ReloadAttempt attempt;
        try {
            attempt = gate(trigger);
        } catch (RuntimeException e) {
            // Never let an unexpected build failure take the serving set down or go unrecorded.
            log.error("Rule set reload ({}) failed unexpectedly", trigger, e);
            attempt = refuse(trigger, "the reload failed unexpectedly: " + e.getClass().getSimpleName(), List.of(), List.of());
        }
        observer.accept(attempt);
        return attempt;
    }

    private ReloadAttempt gate(String trigger) {
        RuleSetSource source;
        try {
            source = RuleSetSource.read(dir);
        } catch (RuleSetException e) {
            return refuse(trigger, "the rules folder cannot be read", e.problems(), List.of());
        } catch (UncheckedIOException e) {
            return refuse(trigger, "the rules folder cannot be read: " + e.getMessage(), List.of(), List.of());
        }
        String scenarios = scenariosHash(dir);
        if (source.hash().equals(holder.current().hash())) {
            return unchangedRules(trigger, scenarios);
        }
        gate.prepare(dir);
        if (!lastBuild.holds(source.drlFiles())) {
            drlCompiled = true; // a reload that reuses the last build leaves the compiler as cold as it was
        }
        RuleCompiler.Result compiled = check.compile(source, lastBuild);
        if (!compiled.ok()) {
            lastBuild.release();
            return refuse(trigger, "the rule set " + compiled.refusal(), compiled.errors(), List.of());
        }
        RuleSet next = compiled.ruleSet();
        RuleSetGate.Verdict verdict;
        try {
            verdict = gate.check(next, dir);
        } catch (RuntimeException e) {
            next.retire();
            lastBuild.release();
            throw e;
        }
        if (!verdict.passed()) {
            next.retire();
            lastBuild.release();
            return refuse(trigger, "scenarios failed: " + verdict.summary(), List.of(), verdict.failures());
        }
        holder.swap(next);
        gatedScenarios = scenarios;
        log.info("Rule set {} ({}) loaded on {}: {} rules, {}", next.version(), next.hash().substring(0, 12), trigger,
                next.rules().size(), verdict.summary());
        return ReloadAttempt.done(ReloadAttempt.Outcome.LOADED, clock.instant(), trigger);
    }

    /**
     * The rules are the serving set's. Scenarios edited since they last ran are run against it: the rules keep serving
     * either way, but a scenario that now fails is reported as a refusal, as a restart would refuse the folder.
     */
    private ReloadAttempt unchangedRules(String trigger, String scenarios) {
        if (scenarios == null || !scenarios.equals(gatedScenarios)) {
            RuleSetGate.Verdict verdict = holder.withRuleSet(serving -> gate.check(serving, dir));
            if (!verdict.passed()) {
                return refuse(trigger, "scenarios failed against the serving rules: " + verdict.summary(), List.of(),
                        verdict.failures());
            }
            gatedScenarios = scenarios;
        }
        resolved();
        return ReloadAttempt.done(ReloadAttempt.Outcome.UNCHANGED, clock.instant(), trigger);
    }

    /**
     * The folder is back to the serving set (the author undid or fixed the edit that was refused): the refusal no longer
     * describes the folder, so it is cleared, and said once, since an unchanged folder is otherwise silent.
     */
    private void resolved() {
        ReloadAttempt refused = lastFailure;
        if (refused != null) {
            lastFailure = null;
            log.info("Rules folder matches the serving rule set again ({}); the refusal of {} no longer applies",
                    holder.current().hash().substring(0, 12), refused.at());
        }
    }

    private ReloadAttempt refuse(String trigger, String reason, List<RuleProblem> problems,
                                 List<RuleSetGate.Failure> failed) {
        ReloadAttempt attempt = new ReloadAttempt(ReloadAttempt.Outcome.REFUSED, clock.instant(), trigger, reason,
                problems, failed);
        lastFailure = attempt;
        // every problem by file (each is one line), and the first failed scenarios with their diffs: the log is where
        // an author without the admin endpoint sees what to fix
        String details = problems.stream().map(p -> "\n  " + p).collect(Collectors.joining())
                + RuleSetGate.Failure.describe(failed, RuleSetGate.SHOWN_DIFFS);
        log.warn("Rule set reload ({}) refused, the previous set keeps serving: {}{}", trigger, reason, details);
        return attempt;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        builds.shutdownNow();
        try {
            builds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastBuild.release();
    }
}
