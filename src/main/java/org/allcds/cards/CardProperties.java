package org.allcds.cards;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How cards name their source: {@code allcds.cards.source-label} and {@code allcds.cards.source-url}. */
@ConfigurationProperties("allcds.cards")
public record CardProperties(@DefaultValue("ALL-CDS") String sourceLabel,
                             @DefaultValue("https://all-cds.org") String sourceUrl) {
}
