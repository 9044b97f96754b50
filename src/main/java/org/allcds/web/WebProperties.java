package org.allcds.web;

import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** HTTP limits and CORS: {@code allcds.limits.*}, {@code allcds.cors.*}. */
final class WebProperties {

    private WebProperties() {
    }

    /** Body size in bytes (413 above it) and JSON nesting depth (400 above it). */
    @ConfigurationProperties("allcds.limits")
    @Validated
    record Limits(@DefaultValue("5242880") @Positive long maxBodyBytes, @DefaultValue("100") @Positive int maxJsonDepth) {
    }

    /** Browser origins allowed to call the service; empty = none, {@code *} = any (demo only). */
    @ConfigurationProperties("allcds.cors")
    record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
