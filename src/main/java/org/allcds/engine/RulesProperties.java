package org.allcds.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code allcds.rules.dir}: the rule set folder (DRL, services.yaml, config.yaml, tests/). When it does not exist the
 * rule set bundled in the jar is used. {@code allcds.rules.watch}: reload when files in the folder change.
 */
@ConfigurationProperties("allcds.rules")
public record RulesProperties(@DefaultValue("rules") Path dir, @DefaultValue("true") boolean watch) {
}
