package org.allcds.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSetSource;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PrefetchTemplate;
import org.allcds.profiles.ConceptMapTranslator;
import org.allcds.profiles.ConformanceResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Contract §1: the search templates against the codes the mapping reads, the contract's and a site's. */
class TemplateCodesTest {

    private static final TemplateCodes CONTRACT = new TemplateCodes(new FactMapper());

    /** The bundled templates of one service, as written in rules/services.yaml. */
    private static Map<String, String> bundledTemplates() {
        JsonNode services = YAMLMapper.builder().build()
                .readTree(RuleSetSource.read(Path.of("rules")).text(RuleSetSource.SERVICES_FILE)).path("services");
        Map<String, String> templates = new LinkedHashMap<>();
        services.get(0).path("prefetch").properties().forEach(e -> templates.put(e.getKey(), e.getValue().asString()));
        return templates;
    }

    @Test
    void theBundledTemplates_askForEveryCodeTheMappingReads_andNoMore() {
        Map<String, String> templates = bundledTemplates();

        templates.values().forEach(t -> assertThat(CONTRACT.missing(t)).as(t).isEmpty());
        int listed = templates.values().stream().mapToInt(t -> PrefetchTemplate.codes(t).map(List::size).orElse(0)).sum();
        int read = new FactMapper().codesRead().values().stream().mapToInt(java.util.Set::size).sum();
        assertThat(listed).as("no code the mapping ignores").isEqualTo(read);
    }

    @Test
    void aTemplateWithoutOneCode_namesIt() {
        String observations = bundledTemplates().get("observations").replace("http://loinc.org|6690-2,", "");

        assertThat(CONTRACT.missing(observations)).containsExactly("http://loinc.org|6690-2");
    }

    @Test
    void percentEncodedBars_areTheSameCode() {
        assertThat(CONTRACT.missing("Procedure?patient={{context.patientId}}&code="
                + "https://all-cds.org/fhir/CodeSystem/all-cds%7Cfrontline-therapy,"
                + "https://all-cds.org/fhir/CodeSystem/all-cds%7Callogeneic-hsct&_count=50")).isEmpty();
    }

    @Test
    void readsSearchesWithoutACodeListAndUnreadTypes_needNoCodes() {
        assertThat(CONTRACT.missing("Patient/{{context.patientId}}")).isEmpty();
        assertThat(CONTRACT.missing("MedicationRequest?patient={{context.patientId}}&code=x|y")).isEmpty();
        assertThat(CONTRACT.missing("Observation?patient={{context.patientId}}")).isEmpty();
        assertThat(CONTRACT.asksForEverything("Observation?patient={{context.patientId}}")).isTrue();
        assertThat(CONTRACT.asksForEverything("MedicationRequest?patient={{context.patientId}}")).isFalse();
        assertThat(CONTRACT.asksForEverything(bundledTemplates().get("observations"))).isFalse();
    }

    @Test
    void aSiteConceptMapWithALocalWbcCode_makesTheTemplateAskForIt(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("ConceptMap-site.json"), """
                {"resourceType": "ConceptMap", "id": "site", "status": "active",
                 "group": [{"source": "urn:site:lab", "target": "http://loinc.org",
                   "element": [{"code": "LEUKO", "target": [{"code": "6690-2", "equivalence": "equivalent"}]},
                               {"code": "PLT", "target": [{"code": "26464-8", "equivalence": "disjoint"}]}]}]}
                """);
        ConceptMapTranslator site = new ConceptMapTranslator(ConformanceResources.load(FhirContext.forR4Cached(),
                Path.of("fhir-profiles"), extra).conceptMaps());
        ServiceDefinition service = new ServiceDefinition("s", "patient-view", "t", "d", null, bundledTemplates(),
                List.of("p"));

        ServiceDefinition expanded = new TemplateCodes(new FactMapper(site)).expand(service);

        assertThat(PrefetchTemplate.codes(expanded.prefetch().get("observations")).orElseThrow())
                .contains("urn:site:lab|LEUKO", "https://example-hospital.org/fhir/CodeSystem/lab|WBC-AUTO")
                .doesNotContain("urn:site:lab|PLT")
                .containsAll(PrefetchTemplate.codes(service.prefetch().get("observations")).orElseThrow());
        assertThat(PrefetchTemplate.codes(expanded.prefetch().get("conditions")).orElseThrow())
                .contains("https://example-hospital.org/fhir/CodeSystem/diagnosis|LEUK-ALL")
                .doesNotContain("urn:site:lab|LEUKO");
        assertThat(expanded.prefetch().get("observations")).endsWith("urn:site:lab|LEUKO").contains("&_count=100&code=");
        assertThat(expanded.prefetch().get("patient")).isEqualTo("Patient/{{context.patientId}}");
        assertThat(CONTRACT.expand(service)).as("without site maps nothing is added").isSameAs(service);
    }
}
