package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.allcds.mapping.ConceptTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads {@code fhir-profiles/} once at start-up, offers its site ConceptMaps to the fact mapping, and builds the profile
 * validator when {@code allcds.validation.mode} is {@code warn} or {@code strict} (warmed once the context is ready);
 * in {@code off} mode the seconds of building it are not spent at all.
 */
@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProfilesConfiguration.class);

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

    @Bean
    ProfileValidation profileValidation(@Value("${allcds.validation.mode:off}") String mode,
                                        ConformanceResources resources, ConceptTranslator translator) {
        return ProfileValidation.create(ValidationMode.parse(mode), resources, translator);
    }

    @Bean
    SmartInitializingSingleton profileValidationWarmUp(ProfileValidation validation) {
        return validation::warmUp;
    }
}
