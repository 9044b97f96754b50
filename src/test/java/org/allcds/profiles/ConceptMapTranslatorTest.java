package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.mapping.ConceptTranslator;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
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
    void theFactMapperReadsASiteWbcCodeAsWbcThroughTheExampleMap() throws IOException {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(
                Path.of("fhir-profiles/examples/scenarios/Bundle-scenario-standard-risk-b-all.json")));
        List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        for (Resource r : resources) {
            if (r instanceof Observation o && o.getIdElement().getIdPart().equals("sr-ball-wbc")) {
                o.getCode().getCodingFirstRep().setSystem(SITE_LAB).setCode("WBC-AUTO");
            }
            if (r instanceof Condition c && c.getIdElement().getIdPart().equals("sr-ball-dx")) {
                c.getCode().getCodingFirstRep().setSystem("https://example-hospital.org/fhir/CodeSystem/diagnosis").setCode("LEUK-ALL");
            }
        }
        PatientData data = new PatientData(resources);
        ConceptMapTranslator translator = new ConceptMapTranslator(
                ConformanceResources.load(FHIR, Path.of("fhir-profiles")).conceptMaps());

        List<Object> facts = new FactMapper(translator).map(data, LocalDate.of(2022, 6, 1));
        List<Object> unmapped = new FactMapper(ConceptTranslator.IDENTITY).map(data, LocalDate.of(2022, 6, 1));

        assertThat(facts).filteredOn(WbcAtDiagnosis.class::isInstance).singleElement()
                .satisfies(f -> assertThat(((WbcAtDiagnosis) f).per10e9L()).isEqualByComparingTo("12.4"));
        assertThat(facts).filteredOn(Diagnosis.class::isInstance).hasSize(1);
        assertThat(unmapped).as("without the map the site codes mean nothing")
                .noneMatch(f -> f instanceof WbcAtDiagnosis || f instanceof Diagnosis);
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
