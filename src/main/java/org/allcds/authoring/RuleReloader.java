package org.allcds.authoring;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RuleSetSource;
import org.allcds.scenario.Report;
import org.allcds.scenario.ScenarioResult;
import org.allcds.scenario.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the serving rule set with the folder's current content, behind a gate: the new set must compile without
 * error (with every author check) and pass every scenario in its {@code tests/}, run against the new set before anyone
 * can use it. Builds run one at a time on one thread, off the request path. The swap is atomic; requests in flight
 * finish on the old set, which is disposed (and its KieModule removed) when the last of them ends. A refused set is
 * disposed at once and the refusal is kept for the status endpoint; the old set keeps serving.
 */
final class RuleReloader implements AutoCloseable {

    static final Duration DEBOUNCE = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(RuleReloader.class);

    private final java.nio.file.Path dir;
    private final RuleSetHolder holder;
    private final RuleCompiler compiler;
    private final ScenarioRunner scenarios;
    private final Clock clock;
    private final ExecutorService builds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private volatile ReloadAttempt lastFailure;
    private volatile FolderWatcher watcher;
    private volatile java.util.function.Consumer<ReloadAttempt> observer = attempt -> { };

    RuleReloader(java.nio.file.Path dir, RuleSetHolder holder, RuleCompiler compiler, ScenarioRunner scenarios, Clock clock) {
        this.dir = dir;
        this.holder = holder;
        this.compiler = compiler;
        this.scenarios = scenarios;
        this.clock = clock;
    }

    /** Starts watching the folder (recursively, debounced); each quiet burst of changes queues a reload. */
    void watch() {
        watcher = FolderWatcher.start(dir, DEBOUNCE, () -> builds.submit(() -> build("watch")));
        log.info("Watching the rules folder for changes");
    }

    /** Queues a reload behind any running one and waits for its outcome. */
    ReloadAttempt reload(String trigger) {
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
    ReloadAttempt lastFailure() {
        return lastFailure;
    }

    RuleSetHolder holder() {
        return holder;
    }

    /** Told of every attempt's outcome (metrics). */
    void observe(java.util.function.Consumer<ReloadAttempt> observer) {
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
        if (source.hash().equals(holder.current().hash())) {
            return ReloadAttempt.done(ReloadAttempt.Outcome.UNCHANGED, clock.instant(), trigger);
        }
        RuleCompiler.Result compiled = RuleSetCheck.compile(compiler, source);
        if (!compiled.ok()) {
            return refuse(trigger, "the rule set does not compile", compiled.errors(), List.of());
        }
        RuleSet next = compiled.ruleSet();
        Report report;
        try {
            report = scenarios.runAll(next, dir);
        } catch (RuntimeException e) {
            next.retire();
            throw e;
        }
        if (!report.allPassed()) {
            next.retire();
            List<ScenarioResult> failed = report.results().stream().filter(r -> !r.passed()).toList();
            return refuse(trigger, "scenarios failed: " + report.summaryLine(), List.of(), failed);
        }
        holder.swap(next);
        log.info("Rule set {} ({}) loaded on {}: {} rules, {}", next.version(), next.hash().substring(0, 12), trigger,
                next.rules().size(), report.summaryLine());
        return ReloadAttempt.done(ReloadAttempt.Outcome.LOADED, clock.instant(), trigger);
    }

    private ReloadAttempt refuse(String trigger, String reason, List<RuleProblem> problems, List<ScenarioResult> failed) {
        ReloadAttempt attempt = new ReloadAttempt(ReloadAttempt.Outcome.REFUSED, clock.instant(), trigger, reason,
                problems, failed);
        lastFailure = attempt;
        String first = !problems.isEmpty() ? "; first: " + problems.get(0)
                : !failed.isEmpty() ? "; first: " + failed.get(0).file() : "";
        log.warn("Rule set reload ({}) refused, the previous set keeps serving: {}{}", trigger, reason, first);
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
    }
}
