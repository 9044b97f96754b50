package org.allcds.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What a compiled candidate must pass before {@link RuleReloader} lets it replace the serving set: in the service, every
 * author scenario in the folder's {@code tests/}. Injected, so the engine knows nothing of the scenario format.
 */
@FunctionalInterface
public interface RuleSetGate {

    /** Failed checks a log line or a start-up failure shows with their diff; the others by file and name. */
    int SHOWN_DIFFS = 3;

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

        /** The failures for a log line or a start-up failure ({@link #describe}). */
        public String describe(int withDiff) {
            return Failure.describe(failures, withDiff);
        }
    }

    /** One failed check: the file it came from, its name and what differed, readably. */
    record Failure(String file, String name, String diff) {

        /**
         * One failure per line, the first {@code withDiff} with their diffs and the rest by file and name, so that a log
         * shows what to fix without a few hundred lines of diff.
         */
        public static String describe(List<Failure> failures, int withDiff) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < failures.size(); i++) {
                Failure f = failures.get(i);
                String head = "FAILED " + f.file() + " (" + f.name() + ")";
                String diff = f.diff() == null ? "" : f.diff().strip();
                String shown = i >= withDiff || diff.isEmpty() ? head : diff.startsWith("FAILED") ? diff : head + "\n  " + diff;
                text.append("\n  ").append(shown.replace("\n", "\n  "));
            }
            return text.toString();
        }
    }
}
