package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Conformance §8 B10–B15 ("valid card") and data-contract §4 (the org.allcds extension), for a whole response. */
final class CardChecks {

    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");

    private CardChecks() {
    }

    /** Checks every card of a 200 response body; returns the union of the cards' findings. */
    static List<JsonNode> assertValidResponse(JsonNode body) {
        // §8 B15: no null or empty member anywhere; only cards may be [] (spec: "no decision support" → {"cards": []})
        JsonWalker.assertNoNullOrEmpty(body, "cards");
        assertThat(body.path("cards").isArray()).as("cards is an array").isTrue();
        // §8 B15: systemActions is absent or a non-empty array of valid actions
        if (body.has("systemActions")) {
            assertThat(body.get("systemActions").isArray() && !body.get("systemActions").isEmpty()).isTrue();
            body.get("systemActions").forEach(CardChecks::assertValidAction);
        }
        Set<String> uuids = new HashSet<>();
        List<JsonNode> findings = new ArrayList<>();
        for (JsonNode card : body.path("cards")) {
            // §8 B10: summary < 140 characters (139 at most), indicator in {info, warning, critical}, source.label
            assertThat(card.path("summary").isString()).as("summary is a string").isTrue();
            assertThat(card.path("summary").asString()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.path("indicator").asString()).isIn(INDICATORS);
            assertThat(card.path("source").path("label").asString()).as("source.label").isNotBlank();
            if (card.path("source").has("url")) {
                assertAbsoluteUrl(card.path("source").path("url").asString());
            }
            // §8 B11: every card has an RFC 4122 uuid, unique within the response
            assertUuid(card.path("uuid").asString());
            assertThat(uuids.add(card.path("uuid").asString())).as("card uuid unique").isTrue();
            // §8 B12: suggestions need selectionBehavior, a label and a unique uuid each
            if (card.has("suggestions")) {
                assertThat(card.path("selectionBehavior").asString()).isIn("at-most-one", "any");
                int recommended = 0;
                for (JsonNode s : card.get("suggestions")) {
                    assertThat(s.path("label").asString()).isNotBlank();
                    assertUuid(s.path("uuid").asString());
                    assertThat(uuids.add(s.path("uuid").asString())).as("suggestion uuid unique").isTrue();
                    recommended += s.path("isRecommended").asBoolean(false) ? 1 : 0;
                    // §8 B13: actions, if present, are a non-empty array of valid actions
                    if (s.has("actions")) {
                        assertThat(s.get("actions").isArray() && !s.get("actions").isEmpty()).isTrue();
                        s.get("actions").forEach(CardChecks::assertValidAction);
                    }
                }
                if (card.path("selectionBehavior").asString().equals("at-most-one")) {
                    assertThat(recommended).isLessThanOrEqualTo(1);
                }
            } else {
                assertThat(card.has("selectionBehavior")).as("selectionBehavior without suggestions").isFalse();
            }
            // §8 B14: links have label, absolute url, type absolute|smart; appContext only with smart
            for (JsonNode link : card.path("links")) {
                assertThat(link.path("label").asString()).isNotBlank();
                assertAbsoluteUrl(link.path("url").asString());
                assertThat(link.path("type").asString()).isIn("absolute", "smart");
                if (link.has("appContext")) {
                    assertThat(link.path("type").asString()).isEqualTo("smart");
                }
            }
            // §8 B14: overrideReasons are Codings with code, system and display (cds-resp-4)
            for (JsonNode reason : card.path("overrideReasons")) {
                assertThat(reason.path("code").asString()).isNotBlank();
                assertThat(reason.path("system").asString()).isNotBlank();
                assertThat(reason.path("display").asString()).isNotBlank();
            }
            findings.addAll(assertAllCdsExtension(card));
        }
        return findings;
    }

    /** Data-contract §4: findings, rules, ruleSet, inputs and evaluationTime on every card. */
    static List<JsonNode> assertAllCdsExtension(JsonNode card) {
        JsonNode ext = card.path("extension").path("org.allcds");
        assertThat(ext.isObject()).as("card extension[\"org.allcds\"] in %s", card).isTrue();
        assertThat(ext.path("findings").isArray() && !ext.path("findings").isEmpty()).as("findings").isTrue();
        for (JsonNode f : ext.path("findings")) {
            assertThat(f.path("type").asString()).isNotBlank();
            assertThat(f.path("value").asString()).isNotBlank();
        }
        assertThat(ext.path("rules").isArray() && !ext.path("rules").isEmpty()).as("rules").isTrue();
        Set<String> idVersions = new HashSet<>();
        for (JsonNode r : ext.path("rules")) {
            // §4 keys a rule by id and version, with one source
            assertThat(idVersions.add(r.path("id").asString() + "|" + r.path("version").asString()))
                    .as("rule %s listed once in %s", r.path("id"), ext.path("rules")).isTrue();
            assertThat(r.path("id").asString()).isNotBlank();
            assertThat(r.path("version").asString()).isNotBlank();
            assertThat(r.path("source").asString()).isNotBlank();
        }
        assertThat(ext.path("ruleSet").path("version").asString()).isNotBlank();
        assertThat(ext.path("ruleSet").path("hash").asString()).isNotBlank();
        // inputs: every card that concludes something lists the inputs it used; a card that only names missing data
        // may have none, and then omits the member (no empty arrays, CDS Hooks §Extensions)
        boolean onlyMissing = ext.path("findings").findValuesAsString("type").stream().allMatch("missing-data"::equals);
        if (!onlyMissing || ext.has("inputs")) {
            assertThat(ext.path("inputs").isArray() && !ext.path("inputs").isEmpty()).as("inputs of %s", ext).isTrue();
        }
        for (JsonNode i : ext.path("inputs")) {
            assertThat(i.path("name").asString()).isNotBlank();
        }
        assertThat(ext.path("evaluationTime").asString()).isNotBlank();
        List<JsonNode> findings = new ArrayList<>();
        ext.path("findings").forEach(findings::add);
        return findings;
    }

    /** §8 B13: type, description; create/update carry a resource; delete a relative resourceId. */
    static void assertValidAction(JsonNode action) {
        assertThat(action.path("type").asString()).isIn(ACTION_TYPES);
        assertThat(action.path("description").asString()).isNotBlank();
        if (action.path("type").asString().equals("delete")) {
            assertThat(action.path("resourceId").asString()).matches("^[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}$");
        } else {
            assertThat(action.path("resource").path("resourceType").asString()).isNotBlank();
        }
    }

    static void assertUuid(String text) {
        assertThat(text).as("uuid").matches("^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        assertThat(UUID.fromString(text).variant()).isEqualTo(2);
    }

    static void assertAbsoluteUrl(String text) {
        URI uri = URI.create(text);
        assertThat(uri.isAbsolute()).as("absolute URL %s", text).isTrue();
        assertThat(uri.getScheme()).isIn("http", "https");
    }

    /** Whether the findings hold one with this type, scheme (null for none) and value. */
    static boolean hasFinding(List<JsonNode> findings, String type, String scheme, String value) {
        return findings.stream().anyMatch(f -> f.path("type").asString().equals(type)
                && (scheme == null ? !f.has("scheme") : f.path("scheme").asString().equals(scheme))
                && f.path("value").asString().equals(value));
    }
}
