package org.allcds.terminology;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.allcds.mapping.ConceptTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads {@code fhir-profiles/} once at start-up and offers the site ConceptMaps to the fact mapping.
 */
@Configuration(proxyBeanMethods = false)
class TerminologyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TerminologyConfiguration.class);

    @Bean
    ConformanceResources conformanceResources(FhirContext fhir, @Value("${allcds.profiles.dir:fhir-profiles}") Path dir,
                                              @Value("${allcds.profiles.extra-concept-maps-dir:}") String extraDir) {
        Path extra = extraDir.isBlank() ? null : Path.of(extraDir);
        ConformanceResources resources = ConformanceResources.loadFolderOrBundled(fhir, dir, extra);
        log.info("Loaded {} profiles, {} value sets, {} concept maps", resources.profiles().size(),
                resources.valueSets().size(), resources.conceptMaps().size());
        return resources;
    }

    @Bean
    ConceptTranslator conceptTranslator(ConformanceResources resources) {
        return new ConceptMapTranslator(resources.conceptMaps());
    }
}
