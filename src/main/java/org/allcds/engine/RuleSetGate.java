package org.allcds.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What a compiled candidate must pass before {@link RuleReloader} lets it replace the serving set: in the service, every
 * author scenario in the folder's {@code tests/}. Injected, so the engine knows nothing of the scenario format.
 */
@FunctionalInterface
public interface RuleSetGate {

    /**
     * Called when a reload of the folder starts, before its rules compile: a gate may start reading its checks then, so
     * that the reading runs beside the compile. Returns at once; by default nothing is done.
     */
    default void prepare(Path folder) {
    }

    /** Runs the candidate (which the caller still owns and disposes) against the folder's checks. */
    Verdict check(RuleSet candidate, Path folder);

    /** The summary line ({@code N passed, M failed}) and each failure; passed when there is none. */
    record Verdict(String summary, List<Failure> failures) {

        public Verdict {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** One failed check: the file it came from, its name and what differed, readably. */
    record Failure(String file, String name, String diff) {
    }
}
