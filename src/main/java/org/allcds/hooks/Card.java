package org.allcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A CDS Hooks card. Null and empty members are never written (spec: "SHALL NOT be null … SHALL NOT be empty"). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(String uuid, String summary, String detail, String indicator, Source source,
                   List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons,
                   List<Link> links, Map<String, Object> extension) {
}
