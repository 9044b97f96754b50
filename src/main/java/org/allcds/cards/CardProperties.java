package org.allcds.cards;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How cards name their source: {@code allcds.cards.source-label} and {@code allcds.cards.source-url}. */
@ConfigurationProperties("allcds.cards")
@Validated
public record CardProperties(@DefaultValue("ALL-CDS") @NotBlank String sourceLabel,
                             @DefaultValue("https://all-cds.org") @NotBlank String sourceUrl) {
}
