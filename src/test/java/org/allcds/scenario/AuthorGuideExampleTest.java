package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.authoring.AuthoringCli;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetGate;
import org.allcds.fixtures.RuleFolders;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's worked example (rules/README.md, section 8) done as written, on a copy of the rules: its rule, the
 * declaration of its finding type, its scenario files and its edit of an existing scenario, after which the reload gate lets the rule set through. An
 * author who follows the guide must not end with a refused rule set.
 */
class AuthorGuideExampleTest {

    private static final Pattern BLOCK = Pattern.compile("```\\n(.*?)\\n\\s*```", Pattern.DOTALL);
    private static final Pattern NEW_SCENARIO = Pattern.compile("`(tests/[\\w/-]+\\.yaml)`:\\s*\\n\\s*```\\n(.*?)\\n\\s*```",
            Pattern.DOTALL);
    private static final Pattern RULE_SET_VERSION = Pattern.compile("(?m)^version: (\\d+)\\.(\\d+)\\.\\d+$");
    private static final String EDITED = "tests/risk/thresholds/age-on-13th-birthday.yaml";

    @Test
    void followingTheWorkedExample_givesARuleSetTheGateAccepts(@TempDir Path root) {
        String readme = RuleFolders.read(RuleFolders.RULES.resolve("README.md"));
        String example = readme.substring(readme.indexOf("## 8. Worked example"));
        Path rules = root.resolve("rules");
        RuleFolders.copyTree(RuleFolders.RULES, rules);

        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(example);
        while (block.find()) {
            blocks.add(unindented(block.group(1)));
        }
        String rule = blocks.stream().filter(b -> b.startsWith("rule \"R-DX-90")).findFirst().orElseThrow();
        Path drl = rules.resolve("risk/nci-risk.drl");
        RuleFolders.write(drl, RuleFolders.read(drl) + "\n" + rule + "\n");
        String type = blocks.stream().filter(b -> b.startsWith("  adolescent:")).findFirst().orElseThrow();
        Path findings = rules.resolve("findings.yaml");
        RuleFolders.write(findings, RuleFolders.read(findings) + type + "\n");

        Matcher scenario = NEW_SCENARIO.matcher(example);
        List<String> added = new ArrayList<>();
        while (scenario.find()) {
            RuleFolders.write(rules.resolve(scenario.group(1)), unindented(scenario.group(2)) + "\n");
            added.add(scenario.group(1));
        }
        assertThat(added).as("scenario files the guide gives").hasSize(2);

        // step 5: the finding the guide adds to the exact list of the scenario it names
        assertThat(example).contains(EDITED);
        String finding = blocks.stream().filter(b -> b.startsWith("- {type: adolescent")).findFirst().orElseThrow();
        RuleFolders.edit(rules.resolve(EDITED), "  rulesFired:", "  " + finding + "\n  rulesFired:");

        // step 3: the rule set's version raised (its minor number) and the new versions recorded, as lint asks
        assertThat(example).contains("raise `version` in `config.yaml` (the minor number");
        raiseMinorVersion(rules.resolve("config.yaml"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThat(AuthoringCli.run(new String[] {"versions", rules.toString()}, quiet, quiet)).isZero();
        RuleSet ruleSet = RuleFolders.compile(rules);
        try {
            assertThat(ruleSet.rules()).extracting(r -> r.id()).contains("R-DX-90");
            RuleSetGate.Verdict verdict = new ScenarioGate(new ScenarioRunner(EvaluationAssembly.standalone()))
                    .check(ruleSet, rules);
            assertThat(verdict.passed()).as(verdict.describe(3)).isTrue();
        } finally {
            ruleSet.retire();
        }
    }

    private static void raiseMinorVersion(Path config) {
        Matcher version = RULE_SET_VERSION.matcher(RuleFolders.read(config));
        assertThat(version.find()).as("config.yaml's version").isTrue();
        RuleFolders.edit(config, version.group(), "version: " + version.group(1) + "."
                + (Integer.parseInt(version.group(2)) + 1) + ".0");
    }

    /** A block as it stands in a numbered step, indented by three spaces: as the file holds it. */
    private static String unindented(String text) {
        return text.lines().map(line -> line.startsWith("   ") ? line.substring(3) : line.strip())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
