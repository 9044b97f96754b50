package org.allcds.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;

/**
 * The authors' guide lists every fact a rule can match (rules/README.md, the facts table): a rule author learns the
 * facts there, not from the Java. Each fact class of {@code org.allcds.facts} that a bundled rule's {@code when} matches
 * must have its row. {@code Finding} is the rules' own output, described in section 2.
 */
class AuthorsGuideFactsTest {

    private static final Pattern CONDITIONS = Pattern.compile("(?s)\\bwhen\\b(.*?)\\bthen\\b");
    private static final Pattern PATTERN_TYPE = Pattern.compile("(?<![\\w.$])([A-Z]\\w*)\\s*\\(");
    private static final Set<String> DESCRIBED_ELSEWHERE = Set.of("Finding");

    @Test
    void everyFactTheBundledRulesMatch_hasARowInTheGuidesFactsTable() throws IOException {
        String guide = Files.readString(RuleFolders.RULES.resolve("README.md"));

        Set<String> matched = matchedFacts(RuleFolders.RULES);

        assertThat(matched).as("fact classes the bundled rules match").contains("Diagnosis", "Relapse", "AllPatient");
        assertThat(matched.stream().filter(fact -> !guide.contains("| `" + fact + "`")).toList())
                .as("facts the bundled rules match that the guide's facts table does not list").isEmpty();
    }

    private static Set<String> matchedFacts(Path rules) throws IOException {
        Set<String> facts = new TreeSet<>();
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Matcher conditions = CONDITIONS.matcher(Files.readString(drl));
                while (conditions.find()) {
                    Matcher type = PATTERN_TYPE.matcher(conditions.group(1));
                    while (type.find()) {
                        factClass(type.group(1)).filter(name -> !DESCRIBED_ELSEWHERE.contains(name)).ifPresent(facts::add);
                    }
                }
            }
        }
        return facts;
    }

    /** The name when {@code org.allcds.facts} has a fact class (a record or class, not an enum or interface) of it. */
    private static Optional<String> factClass(String name) {
        try {
            Class<?> type = Class.forName("org.allcds.facts." + name);
            return type.isEnum() || type.isInterface() ? Optional.empty() : Optional.of(name);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
