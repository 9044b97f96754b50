package org.allcds.scenario;

import java.util.List;

/** All scenario results of a rule set, in file order. */
public record Report(List<ScenarioResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    public boolean allPassed() {
        return failed() == 0;
    }

    /** {@code N passed, M failed}: the closing line test runners print. */
    public String summaryLine() {
        return passed() + " passed, " + failed() + " failed";
    }
}
