package org.allcds.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allcds.mapping.ConceptTranslator.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConceptMapTranslatorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SITE_LAB = "https://example-hospital.org/fhir/CodeSystem/lab";

    @Test
    void theExampleSiteMapReadsTheLocalWbcCodeAsLoincWbc() {
        ConceptMapTranslator translator = new ConceptMapTranslator(
                ConformanceResources.load(FHIR, Path.of("fhir-profiles")).conceptMaps());

        assertThat(translator.translate(SITE_LAB, "WBC-AUTO"))
                .containsExactly(new Code(SITE_LAB, "WBC-AUTO"), new Code("http://loinc.org", "6690-2"));
        assertThat(translator.translate("https://example-hospital.org/fhir/CodeSystem/diagnosis", "LEUK-ALL"))
                .contains(new Code("http://snomed.info/sct", "91857003"));
    }

    @Test
    void anUnmappedCodeStandsOnlyForItself() {
        ConceptMapTranslator translator = new ConceptMapTranslator(
                ConformanceResources.load(FHIR, Path.of("fhir-profiles")).conceptMaps());

        assertThat(translator.translate("http://loinc.org", "6690-2")).containsExactly(new Code("http://loinc.org", "6690-2"));
    }

    @Test
    void mapsFromTheExtraFolderAreLoadedAndUnmatchedTargetsAreSkipped(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("ConceptMap-site.json"), """
                {"resourceType": "ConceptMap", "id": "site", "status": "active",
                 "group": [{"source": "urn:site:lab", "target": "http://loinc.org",
                   "element": [{"code": "LEUKO", "target": [{"code": "26464-8", "equivalence": "equivalent"}]},
                               {"code": "PLT", "target": [{"code": "6690-2", "equivalence": "unmatched"}]}]}]}
                """);
        ConceptMapTranslator translator = new ConceptMapTranslator(
                ConformanceResources.load(FHIR, Path.of("fhir-profiles"), extra).conceptMaps());

        assertThat(translator.translate("urn:site:lab", "LEUKO")).contains(new Code("http://loinc.org", "26464-8"));
        assertThat(translator.translate("urn:site:lab", "PLT")).containsExactly(new Code("urn:site:lab", "PLT"));
        assertThat(translator.translate(SITE_LAB, "WBC-AUTO")).hasSize(2);
    }
}
