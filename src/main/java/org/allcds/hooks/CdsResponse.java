package org.allcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A service response. {@code cards} is always written, as {@code []} when there is no guidance. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CdsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards, List<Action> systemActions) {
    public CdsResponse {
        cards = List.copyOf(cards);
        systemActions = systemActions == null ? List.of() : List.copyOf(systemActions);
    }

    public static CdsResponse of(List<Card> cards) {
        return new CdsResponse(cards, List.of());
    }
}
