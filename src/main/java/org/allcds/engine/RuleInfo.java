package org.allcds.engine;

/** A rule's catalogue entry, from its DRL metadata ({@code @id @version @source @url @description}). */
public record RuleInfo(String id, String version, String source, String url, String description, String name,
                       String packageName, String file) {
}
