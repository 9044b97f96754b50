package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.RelapseSite;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every local code the Java facts, the mapping and the rules use exists in the CodeSystem, so that a rule author who
 * adds a code must also define it. Each test fails with the list of offenders.
 */
class LocalCodesTest {

    private static final Path CODE_SYSTEM = Path.of("fhir-profiles/terminology/CodeSystem-all-cds.json");
    private static final String SYSTEM = ConformanceResources.LOCAL_SYSTEM;
    private static final Pattern HASH_CODE = Pattern.compile("CodeSystem/all-cds#([A-Za-z0-9._-]+)|\\ball-cds#([A-Za-z0-9._-]+)");
    private static final Pattern SYSTEM_THEN_CODE = Pattern.compile(
            "CodeSystem/all-cds\"?\\s*[,)]?\\s*(?:code\\s*[:=]\\s*)?\"([A-Za-z0-9._-]+)\"");
    private static final Pattern FINDING_CALL = Pattern.compile("Finding\\.of\\(([^)]*)\\)");
    private static final Pattern CANDIDATES_CALL = Pattern.compile("withCandidates\\(([^)]*)\\)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    /** Finding types whose value is itself a local code (an input name or a problem), not a class. */
    private static final Set<String> CODE_VALUED_TYPES = Set.of("missing-data", "data-quality");

    private static final Set<String> codes = new HashSet<>();
    private static final Map<String, String> displays = new HashMap<>();
    private static final Set<String> findingValues = new HashSet<>();

    @BeforeAll
    static void readCodeSystem() throws IOException {
        CodeSystem cs = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, Files.readString(CODE_SYSTEM));
        assertThat(cs.getUrl()).isEqualTo(SYSTEM);
        collect(cs.getConcept());
        assertThat(cs.getCount()).as("CodeSystem.count: the number of concepts, nested ones included").isEqualTo(codes.size());
    }

    private static void collect(List<ConceptDefinitionComponent> concepts) {
        for (ConceptDefinitionComponent c : concepts) {
            assertThat(codes.add(c.getCode())).as("duplicate code %s", c.getCode()).isTrue();
            displays.put(c.getCode(), c.getDisplay());
            assertThat(c.getDefinition()).as("definition of %s", c.getCode()).isNotBlank();
            c.getProperty().stream().filter(p -> "finding-value".equals(p.getCode()))
                    .forEach(p -> findingValues.add(p.getValue().primitiveValue()));
            collect(c.getConcept());
        }
    }

    @Test
    void everyCodeOfTheFactEnumsIsDefined() {
        List<String> used = new ArrayList<>();
        Stream.of(GeneticSubtype.values()).map(GeneticSubtype::code).forEach(used::add);
        Stream.of(MrdTimepoint.values()).map(MrdTimepoint::code).forEach(used::add);
        Stream.of(RelapseSite.values()).map(RelapseSite::code).forEach(used::add);
        assertThat(undefined(used)).as("enum codes missing from the CodeSystem").isEmpty();
    }

    /** Cards say a genetic subtype or relapse site by its display, so the two must be the CodeSystem's. */
    @Test
    void theDisplaysCardsUse_areTheCodeSystems() {
        Map<String, String> used = new TreeMap<>();
        Stream.of(GeneticSubtype.values()).forEach(g -> used.put(g.code(), g.display()));
        Stream.of(RelapseSite.values()).forEach(r -> used.put(r.code(), r.display()));
        used.forEach((code, display) -> assertThat(displays.get(code)).as(code).isEqualTo(display));
    }

    @Test
    void everyCodeOfTheDataContractIsDefined() {
        List<String> contract = List.of("b-all", "t-all", "b-lineage", "t-lineage", "cd19", "positive", "negative",
                "cns-status", "cns1", "cns2", "cns3", "testicular-involvement", "genetic-subtype", "mrd", "timepoint",
                "marrow-blasts", "relapse", "relapse-site", "relapse-number", "frontline-therapy", "allogeneic-hsct",
                "nci-risk", "risk-group", "relapse-timing", "relapse-stratum", "hsct-indication", "cart-eligibility",
                "blinatumomab-mrd-indication", "refractory", "infant", "down-syndrome", "missing-data", "data-quality");
        assertThat(undefined(contract)).as("contract codes missing from the CodeSystem").isEmpty();
    }

    @Test
    void everyLocalCodeOfTheMappingIsDefined() throws IOException {
        List<Path> sources = files(Path.of("src/main/java/org/allcds/mapping"), ".java");
        StringBuilder all = new StringBuilder();
        for (Path file : sources) {
            all.append(Files.readString(file)).append('\n');
        }
        Set<String> used = localCodesInJava(all.toString());
        assertThat(used).as("local codes found in the mapping").isNotEmpty();
        // data-quality issue codes become finding values of type data-quality
        used.addAll(matches(Pattern.compile("\\bissue\\(\"([A-Za-z0-9._-]+)\""), all.toString()));
        assertThat(undefined(used)).as("mapping codes missing from the CodeSystem").isEmpty();
    }

    @Test
    void everyLocalCodeAndFindingOfTheRulesIsDefined() throws IOException {
        Set<String> offenders = new TreeSet<>();
        for (Path file : files(Path.of("rules"), ".drl", ".yaml", ".yml")) {
            String text = Files.readString(file);
            Set<String> used = new TreeSet<>(matches(HASH_CODE, text));
            used.addAll(matches(SYSTEM_THEN_CODE, text));
            undefined(used).forEach(c -> offenders.add(file + ": code " + c));
            findingOffenders(text).forEach(o -> offenders.add(file + ": " + o));
        }
        assertThat(offenders).as("rule codes or finding values missing from the CodeSystem").isEmpty();
    }

    @Test
    void theScannerReportsWhatIsNotDefined() {
        assertThat(findingOffenders("insert(Finding.of(\"nci-risk\", \"NCI\", \"MEDIUM\").withCandidates(\"LOW\", \"TINY\"));"))
                .containsExactly("finding value nci-risk=MEDIUM", "candidate value TINY");
        assertThat(findingOffenders("insert(Finding.of(\"relapse-timing\", \"COG\", $timing));")).isEmpty();
        assertThat(undefined(localCodesInJava("static final String LOCAL = \"" + SYSTEM + "\"; code(LOCAL, \"cns9\");")))
                .containsExactly("cns9");
        assertThat(undefined(localCodesInJava("static final String L = \"" + SYSTEM + "\";\n"
                + "static Code local(String code) { return new Code(L, code); }\n Codes.local(\"cns1\"); Codes.local(\"cns7\");")))
                .containsExactly("cns7");
        assertThat(undefined(matches(HASH_CODE, "code: all-cds#cns1, all-cds#cns4"))).containsExactly("cns4");
    }

    /** Finding types must be codes; class values must be a concept's finding-value; input names and problems codes. */
    private static List<String> findingOffenders(String text) {
        List<String> offenders = new ArrayList<>();
        Matcher call = FINDING_CALL.matcher(text);
        while (call.find()) {
            // Arguments may be variables bound in the rule; only literals can be checked.
            List<String> args = List.of(call.group(1).split(","));
            String type = literal(args.get(0));
            if (type != null && !codes.contains(type)) {
                offenders.add("finding type " + type);
            }
            String value = args.size() >= 2 ? literal(args.get(args.size() - 1)) : null;
            if (type != null && value != null) {
                boolean known = CODE_VALUED_TYPES.contains(type) ? codes.contains(value) : findingValues.contains(value);
                if (!known) {
                    offenders.add("finding value " + type + "=" + value);
                }
            }
        }
        Matcher candidates = CANDIDATES_CALL.matcher(text);
        while (candidates.find()) {
            literals(candidates.group(1)).stream().filter(v -> !findingValues.contains(v))
                    .forEach(v -> offenders.add("candidate value " + v));
        }
        return offenders;
    }

    /** String literals that follow a reference to the local system: its URL, or a constant holding it. */
    private static Set<String> localCodesInJava(String source) {
        Set<String> found = new TreeSet<>(matches(HASH_CODE, source));
        found.addAll(matches(SYSTEM_THEN_CODE, source));
        Matcher constant = Pattern.compile("(\\w+)\\s*=\\s*\"" + Pattern.quote(SYSTEM) + "\"").matcher(source);
        while (constant.find()) {
            Pattern use = Pattern.compile("\\b" + constant.group(1) + "\\s*,\\s*\"([A-Za-z0-9._-]+)\"");
            found.addAll(matches(use, source));
            // helpers such as local(String code) { return new Code(ALL_CDS, code); } and their literal arguments
            Matcher helper = Pattern.compile("(\\w+)\\(String \\w+\\)\\s*\\{\\s*return new \\w+\\(" + constant.group(1) + "\\s*,")
                    .matcher(source);
            while (helper.find()) {
                found.addAll(matches(Pattern.compile("\\b" + helper.group(1) + "\\(\"([A-Za-z0-9._-]+)\"\\)"), source));
            }
        }
        return found;
    }

    private static List<String> undefined(Iterable<String> used) {
        List<String> missing = new ArrayList<>();
        used.forEach(c -> {
            if (!codes.contains(c)) {
                missing.add(c);
            }
        });
        return missing;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    out.add(m.group(g));
                }
            }
        }
        return out;
    }

    private static String literal(String arg) {
        String t = arg.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : null;
    }

    private static List<String> literals(String args) {
        List<String> out = new ArrayList<>();
        Matcher m = STRING.matcher(args);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Path> files(Path dir, String... suffixes) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s))).sorted().toList();
        }
    }
}
