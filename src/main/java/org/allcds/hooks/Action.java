package org.allcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** A suggestion action; {@code resource} is a FHIR R4 resource as a JSON tree. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(String type, String description, JsonNode resource, String resourceId) {
}
