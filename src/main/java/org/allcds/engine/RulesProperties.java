package org.allcds.engine;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code allcds.rules.dir}: the rule set folder (DRL, services.yaml, config.yaml, tests/). When it does not exist the
 * rule set bundled in the jar is used. {@code allcds.rules.watch}: reload when files in the folder change.
 */
@ConfigurationProperties("allcds.rules")
@Validated
public record RulesProperties(@DefaultValue("rules") @NotNull Path dir, @DefaultValue("true") boolean watch) {
}
