package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.allcds.fixtures.BundledRuleSet;

/**
 * The bundled rule set against the catalogue of clinical-rules.md §1: every catalogue id has at least one DRL rule,
 * every rule carries its metadata and is named after its id, and no DRL reads a clock, FHIR or a date string.
 * Each check reports every offender at once.
 */
class RuleCatalogueTest {

    /** clinical-rules §1.1 to §1.4; R-DX-14 (BFM front-line profile) is optional and off by default. */
    static final List<String> CATALOGUE = List.of(
            "R-DX-01", "R-DX-02", "R-DX-03", "R-DX-04", "R-DX-05", "R-DX-06", "R-DX-07", "R-DX-08", "R-DX-09",
            "R-DX-10", "R-DX-11", "R-DX-12", "R-DX-13", "R-DX-15",
            "R-REL-01", "R-REL-02", "R-REL-03", "R-REL-04", "R-REL-05", "R-REL-06", "R-REL-07",
            "R-RR-C1", "R-RR-C2", "R-RR-C3", "R-RR-C4", "R-RR-C5", "R-RR-C6",
            "R-RR-B1", "R-RR-B2", "R-RR-B3", "R-RR-B4",
            "R-TX-CART-01", "R-TX-BLIN-01", "R-TX-BLIN-02", "R-TX-HSCT-01", "R-TX-PH-01");

    /** The public sources of the catalogue's Sources table that rules may link to. */
    static final List<String> SOURCE_HOSTS = List.of("https://www.cancer.gov/", "https://ashpublications.org/", "https://ashpublications.net/", "https://ashpublications.com/",
            "https://pmc.ncbi.nlm.nih.gov/", "https://aacrjournals.org/", "https://ie.moalmanac.org/");

    private static final Path RULES = Path.of("rules");
    private static RuleSet ruleSet;

    @BeforeAll
    static void compile() {
        ruleSet = BundledRuleSet.get();
    }

    @Test
    void everyCatalogueIdHasAtLeastOneRule() {
        Set<String> ids = ruleSet.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(CATALOGUE.stream().filter(id -> !ids.contains(id)).toList()).as("catalogue ids without a DRL rule").isEmpty();
    }

    @Test
    void everyRuleHasMetadataAndIsNamedAfterItsId() {
        List<String> offenders = ruleSet.rules().stream()
                .filter(r -> blank(r.id()) || blank(r.version()) || blank(r.source()) || !r.name().startsWith(r.id() + " "))
                .map(r -> r.file() + ": " + r.name()).toList();
        assertThat(offenders).as("rules without @id/@version/@source or not named '<id> ...'").isEmpty();
    }

    @Test
    void ruleLinksAreAbsoluteLinksToTheCataloguedSources() {
        List<String> offenders = ruleSet.rules().stream().filter(r -> r.url() != null)
                .filter(r -> SOURCE_HOSTS.stream().noneMatch(h -> r.url().startsWith(h)))
                .map(r -> r.name() + " -> " + r.url()).toList();
        assertThat(offenders).as("@url outside the catalogue's sources").isEmpty();
    }

    @Test
    void noDrlUsesTheClockRawFhirOrDateStrings() throws IOException {
        Map<String, Pattern> forbidden = Map.of(
                "system clock", Pattern.compile("new\\s+(java\\.util\\.)?Date\\b|\\b(LocalDate|LocalDateTime|Instant|OffsetDateTime|ZonedDateTime)\\.now\\b|System\\.currentTimeMillis|\\bClock\\b"),
                "raw FHIR", Pattern.compile("org\\.hl7"),
                "string dates", Pattern.compile("LocalDate\\.parse|\"\\d{4}-\\d{2}-\\d{2}"));
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(drl);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceFirst("//.*$", "");
                    for (Map.Entry<String, Pattern> f : forbidden.entrySet()) {
                        Matcher m = f.getValue().matcher(code);
                        if (m.find()) {
                            offenders.add(RULES.relativize(drl) + ":" + (i + 1) + ": " + f.getKey() + " (" + m.group() + ")");
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("DRL reading a clock, FHIR or a date string").isEmpty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
