package org.allcds.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** HTTP limits and CORS: {@code allcds.limits.*}, {@code allcds.cors.*}. */
final class WebProperties {

    private WebProperties() {
    }

    /** Body size in bytes (413 above it) and JSON nesting depth (400 above it). */
    @ConfigurationProperties("allcds.limits")
    record Limits(@DefaultValue("5242880") long maxBodyBytes, @DefaultValue("100") int maxJsonDepth) {
    }

    /** Browser origins allowed to call the service; empty = none, {@code *} = any (demo only). */
    @ConfigurationProperties("allcds.cors")
    record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
