package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.allcds.mapping.ConceptTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads {@code fhir-profiles/} once at start-up, offers its site ConceptMaps to the fact mapping, and builds the profile
 * validator when {@code allcds.validation.mode} is {@code warn} or {@code strict} (warmed once the context is ready);
 * in {@code off} mode the seconds of building it are not spent at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProfilesProperties.class, ProfilesProperties.Validation.class})
class ProfilesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProfilesConfiguration.class);

    @Bean
    ConformanceResources conformanceResources(FhirContext fhir, ProfilesProperties profiles) {
        ConformanceResources resources = ConformanceResources.loadFolderOrBundled(fhir, profiles.dir(),
                profiles.extraConceptMapsDir());
        log.info("Loaded {} profiles, {} value sets, {} concept maps", resources.profiles().size(),
                resources.valueSets().size(), resources.conceptMaps().size());
        return resources;
    }

    @Bean
    ConceptTranslator conceptTranslator(ConformanceResources resources) {
        return new ConceptMapTranslator(resources.conceptMaps());
    }

    @Bean
    ProfileValidation profileValidation(ProfilesProperties.Validation validation, ConformanceResources resources,
                                        ConceptTranslator translator) {
        return ProfileValidation.create(validation.validationMode(), resources, translator);
    }

    @Bean
    SmartInitializingSingleton profileValidationWarmUp(ProfileValidation validation) {
        return validation::warmUp;
    }
}
