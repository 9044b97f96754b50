package org.allcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A card link; {@code type} is {@code absolute} or {@code smart}; appContext only with smart links. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(String label, String url, String type, String appContext) {
    public static Link absolute(String label, String url) {
        return new Link(label, url, "absolute", null);
    }
}
