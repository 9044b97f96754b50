package org.allcds.scenario;

import java.util.List;

/** The outcome of one scenario: {@code diff} says, readably, what differed (empty when it passed). */
public record ScenarioResult(String file, String name, boolean passed, String diff, List<String> actualFindings,
                             List<String> firedRules) {

    /** The diff, headed by the file and name when the runner gave only the reason (an unreadable scenario). */
    public String failureReport() {
        String text = diff == null ? "" : diff;
        return text.startsWith("FAILED") ? text : "FAILED " + file + " (" + name + ")\n  " + text;
    }

    static ScenarioResult broken(String file, String name, String problem) {
        return new ScenarioResult(file, name, false, problem, List.of(), List.of());
    }
}
