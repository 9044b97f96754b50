package org.allcds.validation;

import org.allcds.mapping.ConceptTranslator;
import org.allcds.terminology.ConformanceResources;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the validator at start-up when {@code allcds.validation.mode} is {@code warn} or {@code strict}, and warms it
 * once the context is ready; in {@code off} mode the seconds of building it are not spent at all.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    RequestValidation requestValidation(@Value("${allcds.validation.mode:off}") String mode,
                                        ConformanceResources resources, ConceptTranslator translator) {
        return RequestValidation.create(ValidationMode.parse(mode), resources, translator);
    }

    @Bean
    SmartInitializingSingleton requestValidationWarmUp(RequestValidation validation) {
        return validation::warmUp;
    }
}
