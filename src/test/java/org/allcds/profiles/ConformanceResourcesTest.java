package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;

class ConformanceResourcesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theFolderHoldsTheDefinitionsAndNoInstances() {
        ConformanceResources folder = ConformanceResources.load(FHIR, Path.of("fhir-profiles"));

        assertThat(folder.profiles()).hasSize(16).allSatisfy(sd -> assertThat(sd.getUrl())
                .startsWith(ConformanceResources.CANONICAL_BASE + "/StructureDefinition/"));
        assertThat(folder.codeSystems()).extracting(MetadataResource::getUrl).containsExactlyInAnyOrder(
                ConformanceResources.LOCAL_SYSTEM, ConformanceResources.CANONICAL_BASE + "/CodeSystem/override-reason");
        assertThat(folder.valueSets()).extracting(MetadataResource::getUrl).contains(
                ConformanceResources.CANONICAL_BASE + "/ValueSet/all-diagnosis", ConformanceResources.CANONICAL_BASE + "/ValueSet/lineage",
                ConformanceResources.CANONICAL_BASE + "/ValueSet/cns-status", ConformanceResources.CANONICAL_BASE + "/ValueSet/genetic-subtype",
                ConformanceResources.CANONICAL_BASE + "/ValueSet/mrd-timepoint", ConformanceResources.CANONICAL_BASE + "/ValueSet/relapse-site",
                ConformanceResources.CANONICAL_BASE + "/ValueSet/risk-group", ConformanceResources.CANONICAL_BASE + "/ValueSet/relapse-class");
        assertThat(folder.conceptMaps()).hasSize(1);
    }

    @Test
    void theCopyPackagedInTheJarMatchesTheFolder() {
        ConformanceResources folder = ConformanceResources.load(FHIR, Path.of("fhir-profiles"));
        ConformanceResources bundled = ConformanceResources.loadBundled(FHIR, null);

        assertThat(bundled.profiles()).extracting(MetadataResource::getUrl)
                .containsExactlyInAnyOrderElementsOf(folder.profiles().stream().map(MetadataResource::getUrl).toList());
        assertThat(bundled.valueSets()).hasSameSizeAs(folder.valueSets());
        assertThat(bundled.codeSystems()).hasSameSizeAs(folder.codeSystems());
        assertThat(bundled.conceptMaps()).hasSameSizeAs(folder.conceptMaps());
    }
}
