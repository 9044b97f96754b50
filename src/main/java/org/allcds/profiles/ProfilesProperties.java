package org.allcds.profiles;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code allcds.profiles.*}: the {@code fhir-profiles/} folder (when it does not exist, the copy bundled in the jar is
 * read) and an optional folder of further site ConceptMaps.
 */
@ConfigurationProperties("allcds.profiles")
@Validated
public record ProfilesProperties(@DefaultValue("fhir-profiles") @NotNull Path dir, Path extraConceptMapsDir) {

    public ProfilesProperties {
        // application.yaml lists the key as "" (unset); an empty Path would mean the working directory
        extraConceptMapsDir = extraConceptMapsDir == null || extraConceptMapsDir.toString().isBlank() ? null
                : extraConceptMapsDir;
    }

    /**
     * {@code allcds.validation.mode}: {@code off}, {@code warn} or {@code strict} profile validation of incoming data.
     * Bound as text because YAML reads an unquoted {@code off} as {@code false}.
     */
    @ConfigurationProperties("allcds.validation")
    @Validated
    public record Validation(@DefaultValue("off") @Pattern(regexp = "(?i)\\s*(off|false|warn|strict)\\s*",
            message = "must be off, warn or strict") String mode) {

        public ValidationMode validationMode() {
            return ValidationMode.parse(mode);
        }
    }
}
