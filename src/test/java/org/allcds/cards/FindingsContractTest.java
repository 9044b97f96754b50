package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.junit.jupiter.api.Test;

/**
 * The machine-readable output is the contract: for every author scenario and worked example, the union of the findings
 * in the extensions of a response's cards equals the union recorded in {@code findings-golden.txt}, first generated
 * before cards were regrouped and rewritten for clinicians, and recorded again for every scenario of the corpus since.
 * Only the human-readable part, and which card a finding sits on, may change. Regenerate (after a deliberate rule
 * change only) with {@code -Dallcds.golden.write=true}, and read the diff: an entry recorded before may change only
 * as the rule change means it to.
 */
class FindingsContractTest {

    static final Path GOLDEN = Path.of("src/test/resources/cards/findings-golden.txt");

    @Test
    void everyResponse_carriesExactlyTheRecordedFindings() throws IOException {
        Map<String, TreeSet<String>> actual = unions();
        if (Boolean.getBoolean("allcds.golden.write")) {
            Files.writeString(GOLDEN, format(actual));
        }
        Map<String, TreeSet<String>> recorded = parse(Files.readString(GOLDEN));
        // Scenarios added later are not in the record; every recorded one must still exist and answer the same.
        assertThat(actual.keySet()).containsAll(recorded.keySet());
        Map<String, TreeSet<String>> sameEntries = new TreeMap<>(actual);
        sameEntries.keySet().retainAll(recorded.keySet());
        assertThat(format(sameEntries)).isEqualTo(format(recorded));
    }

    private static Map<String, TreeSet<String>> parse(String golden) {
        Map<String, TreeSet<String>> entries = new TreeMap<>();
        TreeSet<String> current = null;
        for (String line : golden.split("\n")) {
            if (line.startsWith("  ")) {
                current.add(line.substring(2));
            } else if (!line.isBlank()) {
                current = new TreeSet<>();
                entries.put(line, current);
            }
        }
        return entries;
    }

    private static Map<String, TreeSet<String>> unions() {
        Map<String, TreeSet<String>> byEntry = new TreeMap<>();
        for (CardCorpus.Entry e : CardCorpus.shared()) {
            byEntry.put(e.name() + " [" + e.service() + "]", union(e.response()));
        }
        return byEntry;
    }

    static TreeSet<String> union(CdsResponse response) {
        TreeSet<String> findings = new TreeSet<>();
        for (Card card : response.cards()) {
            AllCdsExtension ext = (AllCdsExtension) card.extension().get(AllCdsExtension.KEY);
            ext.findings().forEach(f -> findings.add(describe(f)));
        }
        return findings;
    }

    private static String describe(AllCdsExtension.FindingView f) {
        List<String> parts = new ArrayList<>(List.of(f.type(), Objects.requireNonNullElse(f.scheme(), "-"), f.value()));
        if (f.candidates() != null && !f.candidates().isEmpty()) {
            parts.add("candidates=" + f.candidates());
        }
        if (f.missing() != null && !f.missing().isEmpty()) {
            parts.add("missing=" + f.missing());
        }
        return String.join(" ", parts);
    }

    private static String format(Map<String, TreeSet<String>> unions) {
        StringBuilder out = new StringBuilder();
        unions.forEach((entry, findings) -> {
            out.append(entry).append('\n');
            findings.forEach(f -> out.append("  ").append(f).append('\n'));
        });
        return out.toString();
    }
}
