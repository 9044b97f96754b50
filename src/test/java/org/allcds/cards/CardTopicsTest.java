package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every card topic is a concept of the local CodeSystem (under {@code card-topic}) and of its ValueSet, same display. */
class CardTopicsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyTopic_isDefinedInTheCodeSystemAndTheValueSet() throws IOException {
        JsonNode codeSystem = JSON.readTree(Files.readString(Path.of("fhir-profiles/terminology/CodeSystem-all-cds.json")));
        Map<String, String> defined = new HashMap<>();
        for (JsonNode group : codeSystem.get("concept")) {
            if (group.get("code").asString().equals("card-topic")) {
                group.get("concept").forEach(c -> defined.put(c.get("code").asString(), c.get("display").asString()));
            }
        }
        JsonNode valueSet = JSON.readTree(Files.readString(Path.of("fhir-profiles/terminology/ValueSet-card-topic.json")));
        Map<String, String> listed = new HashMap<>();
        valueSet.at("/compose/include/0/concept").forEach(c -> listed.put(c.get("code").asString(), c.get("display").asString()));

        assertThat(defined).isEqualTo(CardTopics.all());
        assertThat(listed).isEqualTo(CardTopics.all());
    }
}
