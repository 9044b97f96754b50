package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allcds.catalog.OverrideReason;
import org.allcds.catalog.ServiceCatalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Override reasons in services.yaml: a default list at the top, a service's own list instead of it, checked Codings. */
class OverrideReasonsTest {

    private static final String S = "https://all-cds.org/fhir/CodeSystem/override-reason";

    private static String services(String defaults, String ownOfSecond) {
        return defaults + """
                services:
                  - id: first
                    hook: patient-view
                    title: First
                    description: The first service.
                    rules: [org.allcds.rules.common]
                  - id: second
                    hook: patient-view
                    title: Second
                    description: The second service.
                    rules: [org.allcds.rules.common]
                """ + ownOfSecond;
    }

    private static ServiceCatalog read(String yaml, List<RuleProblem> problems) {
        RuleSetSource source = new RuleSetSource(Path.of("."), Map.of(RuleSetSource.SERVICES_FILE, yaml), "0");
        return RuleSetFiles.readServices(source, problems);
    }

    @Test
    void aServiceWithoutItsOwnList_offersTheDefaults_andOneWithItsOwn_offersOnlyThose() {
        String defaults = "overrideReasons:\n  - {system: " + S + ", code: a, display: Reason A}\n"
                + "  - {system: " + S + ", code: b, display: Reason B}\n";
        String own = "    overrideReasons:\n      - {system: " + S + ", code: c, display: Reason C}\n";
        List<RuleProblem> problems = new ArrayList<>();

        ServiceCatalog catalog = read(services(defaults, own), problems);

        assertThat(problems).isEmpty();
        assertThat(catalog.find("first").orElseThrow().overrideReasons())
                .containsExactly(new OverrideReason(S, "a", "Reason A"), new OverrideReason(S, "b", "Reason B"));
        assertThat(catalog.find("second").orElseThrow().overrideReasons()).containsExactly(new OverrideReason(S, "c", "Reason C"));
        assertThat(catalog.find("second").orElseThrow().overrideReason(S, "a")).isEmpty();
    }

    @Test
    void noListAnywhere_meansCardsOfferNone() {
        List<RuleProblem> problems = new ArrayList<>();
        assertThat(read(services("", ""), problems).find("first").orElseThrow().overrideReasons()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aReasonWithoutDisplay_aRelativeSystem_orATwiceListedCode_isAnErrorNamingTheList() {
        String defaults = "overrideReasons:\n  - {system: " + S + ", code: a}\n"
                + "  - {system: override-reason, code: b, display: B}\n";
        String own = "    overrideReasons:\n      - {system: " + S + ", code: c, display: C}\n"
                + "      - {system: " + S + ", code: c, display: C again}\n";
        List<RuleProblem> problems = new ArrayList<>();

        read(services(defaults, own), problems);

        assertThat(problems).extracting(RuleProblem::message).containsExactly(
                "the default overrideReasons[0] needs 'system' (an absolute URI), 'code' and 'display'",
                "the default overrideReasons[1] needs 'system' (an absolute URI), 'code' and 'display'",
                "service 'second' overrideReasons[1]: " + S + "|c is listed twice");
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("services.yaml"));
    }

    /** A reason a rule author declares must be a concept of its CodeSystem, shown as that concept's display. */
    @Test
    void everyReasonOfTheBundledServices_isDefinedInTheOverrideReasonCodeSystem_withItsDisplay() throws IOException {
        JsonNode codeSystem = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("fhir-profiles/terminology/CodeSystem-override-reason.json")));
        Map<String, String> displays = new HashMap<>();
        codeSystem.path("concept").forEach(c -> displays.put(c.path("code").asString(), c.path("display").asString()));
        List<RuleProblem> problems = new ArrayList<>();

        ServiceCatalog bundled = RuleSetFiles.readServices(RuleSetSource.read(Path.of("rules")), problems);

        assertThat(problems).isEmpty();
        assertThat(bundled.services()).allSatisfy(s -> assertThat(s.overrideReasons()).as(s.id()).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.system()).isEqualTo(codeSystem.path("url").asString());
                    assertThat(displays).as("%s in the CodeSystem", r.code()).containsEntry(r.code(), r.display());
                }));
    }

    @Test
    void anUnknownKeyInAReason_isAnError() {
        List<RuleProblem> problems = new ArrayList<>();
        read(services("overrideReasons:\n  - {system: " + S + ", code: a, display: A, text: x}\n", ""), problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("text"));
    }
}
