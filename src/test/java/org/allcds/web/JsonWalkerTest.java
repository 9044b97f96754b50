package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The walker the HTTP tests rely on must itself find every kind of null or empty member. */
class JsonWalkerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void problems_namesEveryNullOrEmptyMemberByPath() {
        assertThat(JsonWalker.problems(JSON.readTree("""
                {"a": null, "b": "", "c": [], "d": {}, "e": [{"f": null}, "ok"], "g": {"h": {"i": ""}}, "j": 0, "k": false}""")))
                .containsExactly("$.a is null", "$.b is an empty string", "$.c is empty", "$.d is empty",
                        "$.e[0].f is null", "$.g.h.i is an empty string");
    }

    @Test
    void assertNoNullOrEmpty_acceptsAllowedEmptyPathOnly() {
        JsonWalker.assertNoNullOrEmpty(JSON.readTree("{\"cards\": []}"), "cards");
        assertThatThrownBy(() -> JsonWalker.assertNoNullOrEmpty(JSON.readTree("{\"cards\": []}")))
                .isInstanceOf(AssertionError.class);
    }
}
