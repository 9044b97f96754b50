package org.allcds.scenario;

import java.util.List;
import org.allcds.fixtures.RuleFolders;

/**
 * The author scenarios of the repository's {@code rules/}, read once per test JVM for every test that only reads them
 * (each reading of the 500 files and their base patients took about half a second of CPU). A test that edits a scenario
 * reads its own copy.
 */
public final class BundledScenarios {

    private BundledScenarios() {
    }

    private static final class Holder {
        static final List<ScenarioReader.Parsed> PARSED = List.copyOf(new ScenarioReader().readAll(RuleFolders.RULES));
    }

    /** Every scenario file under {@code rules/tests/}, parsed, in file order. */
    public static List<ScenarioReader.Parsed> parsed() {
        return Holder.PARSED;
    }
}
