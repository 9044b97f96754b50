package org.allcds.engine;

/** A rule's catalogue entry, from its DRL metadata ({@code @id @version @source @url @description}). */
public record RuleInfo(String id, String version, String source, String url, String description, String name,
                       String packageName, String file) {

    /** The order rules are listed in: by id, then by DRL rule name. */
    public static final java.util.Comparator<RuleInfo> ORDER =
            java.util.Comparator.comparing(RuleInfo::id).thenComparing(RuleInfo::name);
}
