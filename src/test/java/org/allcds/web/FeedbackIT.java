package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.allcds.feedback.CardLog;
import org.allcds.feedback.FeedbackEntry;
import org.allcds.feedback.FeedbackStore;
import org.allcds.feedback.IssuedCard;
import org.allcds.feedback.OfferedReasons;
import org.allcds.hooks.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Conformance §8 G62–G70: the 2.0 wrapped feedback body {@code {"feedback":[…]}}, validated (cds-fb-1 to cds-fb-3)
 * and kept in the {@link FeedbackStore} (the context's own in-memory database). Each test uses fresh card uuids, so the
 * shared store can be read. The clinician's free-text comment is accepted but never stored (it may name the patient).
 */
class FeedbackIT extends AbstractHttpIT {

    private static final String FEEDBACK = "/cds-services/" + RISK + "/feedback";
    private static final String TIMESTAMP = "2026-01-01T10:05:31Z";

    @Autowired
    FeedbackStore store;

    @Autowired
    CardLog cardLog;

    private List<FeedbackEntry> stored(String card) {
        return store.feedbackOn(card);
    }

    private static JsonNode cardWithSuggestion(JsonNode cards) {
        for (JsonNode c : cards) {
            if (c.has("suggestions")) {
                return c;
            }
        }
        throw new AssertionError("no card with a suggestion in " + cards);
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    @Test
    void accepted_forACardJustIssued_isStored() {
        JsonNode cards = json(callService(RISK, request("ped-all-risk/example-a"))).path("cards");
        JsonNode withSuggestion = cardWithSuggestion(cards);
        String card = withSuggestion.path("uuid").asString();
        String suggestion = withSuggestion.path("suggestions").path(0).path("uuid").asString();

        HttpResponse<String> response = post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "%s"}],
                 "outcomeTimestamp": "%s"}]}""".formatted(card, suggestion, TIMESTAMP));

        // §8 G62: 200; the item is recorded with its outcome, suggestion and timestamp
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<FeedbackEntry> entries = stored(card);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).usingRecursiveComparison().ignoringFields("receivedAt").isEqualTo(new FeedbackEntry(card,
                RISK, "accepted", null, List.of(suggestion), Instant.parse(TIMESTAMP), null));
    }

    @Test
    void overridden_withReasonAndComment_withoutReason_andCommentOnly_areStored() {
        String a = fresh();
        String b = fresh();
        String c = fresh();

        // §8 G63: overridden with reason + userComment, with no overrideReason, and with userComment only → 200
        assertThat(post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                 "overrideReason": {"reason": {"code": "protocol-differs", "system": "https://all-cds.org/override",
                 "display": "Patient is on a different protocol"}, "userComment": "AIEOP-BFM"}}]}"""
                .formatted(a, TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(b, TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                 "overrideReason": {"userComment": "not relevant today"}}]}""".formatted(c, TIMESTAMP)).statusCode())
                .isEqualTo(200);

        assertThat(stored(a)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(
                new Coding("https://all-cds.org/override", "protocol-differs", "Patient is on a different protocol")));
        assertThat(stored(b)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("overridden");
            assertThat(e.reason()).isNull();
        });
        assertThat(stored(c)).singleElement().satisfies(e -> assertThat(e.reason()).isNull());
    }

    @Test
    void sandboxShapedOverride_withoutDisplay_isStored() {
        String card = fresh();

        // §8 G64: the sandbox sends reason {code, system} without display → 200
        HttpResponse<String> response = post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31.123Z",
                 "overrideReason": {"reason": {"code": "c1", "system": "https://all-cds.org/override"}}}]}"""
                .formatted(card));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stored(card)).singleElement().satisfies(e ->
                assertThat(e.reason()).isEqualTo(new Coding("https://all-cds.org/override", "c1", null)));
    }

    @Test
    void threeItemsInOnePost_areAllStored() {
        String a = fresh();
        String b = fresh();
        String c = fresh();

        // §8 G65: three items for different cards in one POST → 200 and all three recorded
        HttpResponse<String> response = post(FEEDBACK, """
                {"feedback": [
                  {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"},
                  {"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}, {"id": "s2"}], "outcomeTimestamp": "%s"},
                  {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T11:05:31+01:00"}]}"""
                .formatted(a, TIMESTAMP, b, TIMESTAMP, c));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stored(a)).hasSize(1);
        assertThat(stored(b)).singleElement().satisfies(e ->
                assertThat(e.acceptedSuggestions()).containsExactly("s1", "s2"));
        assertThat(stored(c)).singleElement().satisfies(e ->
                assertThat(e.outcomeAt()).isEqualTo(Instant.parse("2026-01-01T10:05:31Z")));
    }

    @Test
    void sameItemTwice_isAcceptedBothTimesAndKeptOnce() {
        String body = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(fresh(), TIMESTAMP);
        String card = JSON.readTree(body).at("/feedback/0/card").asString();

        // §8 G66: the same item posted twice → 200 both times; duplicates tolerated. §4: "the endpoint must be
        // idempotent or tolerant": idempotent, so that a client's retry after a 503 stores nothing twice.
        assertThat(post(FEEDBACK, body).statusCode()).isEqualTo(200);
        assertThat(post(FEEDBACK, body).statusCode()).isEqualTo(200);
        assertThat(stored(card)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "outcome rejected|{\"card\": \"CARD\", \"outcome\": \"rejected\", \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].outcome",
            "accepted without acceptedSuggestions|{\"card\": \"CARD\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].acceptedSuggestions",
            "accepted with empty acceptedSuggestions|{\"card\": \"CARD\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [], \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].acceptedSuggestions",
            "missing outcomeTimestamp|{\"card\": \"CARD\", \"outcome\": \"overridden\"}|feedback[0].outcomeTimestamp",
            "outcomeTimestamp not RFC 3339|{\"card\": \"CARD\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"01/01/2026\"}|feedback[0].outcomeTimestamp",
            "missing card|{\"outcome\": \"overridden\", \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].card",
            "missing outcome|{\"card\": \"CARD\", \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].outcome",
            "empty overrideReason|{\"card\": \"CARD\", \"outcome\": \"overridden\", \"overrideReason\": {}, \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].overrideReason",
            "reason without code|{\"card\": \"CARD\", \"outcome\": \"overridden\", \"overrideReason\": {\"reason\": {\"system\": \"s\"}}, \"outcomeTimestamp\": \"2026-01-01T10:05:31Z\"}|feedback[0].overrideReason.reason.code"})
    void invalidItem_is400NamingThePath_andNothingIsStored(String name, String item, String path) {
        String card = fresh();
        // A valid first item: a rejected body is stored not even in part
        String valid = "{\"card\": \"%s\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"%s\"}".formatted(card, TIMESTAMP);
        String body = "{\"feedback\": [" + valid + ", " + item.replace("CARD", card) + "]}";

        // §8 G67: rejected outcome, accepted without acceptedSuggestions, missing outcomeTimestamp or card → 400
        assertOperationOutcome(post(FEEDBACK, body), 400, path.replace("[0]", "[1]"));
        assertThat(stored(card)).isEmpty();
    }

    @Test
    void unwrappedHapiStyleBody_is400() {
        String card = fresh();

        // §8 G68 (documented choice: no compatibility shim): {"card":…} without the feedback array → 400
        assertOperationOutcome(post(FEEDBACK, """
                {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}""".formatted(card, TIMESTAMP)),
                400, "feedback is required");
        assertThat(stored(card)).isEmpty();
    }

    @Test
    void feedbackArrayEmptyOrWrongType_is400() {
        assertOperationOutcome(post(FEEDBACK, "{\"feedback\": []}"), 400, "feedback must be a non-empty array");
        assertOperationOutcome(post(FEEDBACK, "{\"feedback\": {}}"), 400, "feedback must be a non-empty array");
        assertOperationOutcome(post(FEEDBACK, "{\"feedback\": [\"x\"]}"), 400, "feedback[0] must be a JSON object");
        assertOperationOutcome(post(FEEDBACK, "{not json"), 400, "not valid JSON");
        assertOperationOutcome(postAs(FEEDBACK, "text/plain", "{}"), 415, "text/plain");
    }

    @Test
    void cardNeverIssued_isAcceptedAndStored() {
        String card = "never-issued-" + fresh();

        // §8 G69: feedback for an unknown card uuid → 200 (accepted; clients may replay)
        assertThat(post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(card, TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(stored(card)).hasSize(1);
    }

    @Test
    void unknownService_is404_andNothingIsStored() {
        String card = fresh();

        // §8 G70: POST /cds-services/does-not-exist/feedback → 404
        assertOperationOutcome(post("/cds-services/does-not-exist/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(card, TIMESTAMP)), 404, "'does-not-exist'");
        assertThat(stored(card)).isEmpty();
    }

    @Test
    void feedbackForTheRelapseService_isStoredUnderThatService() {
        String card = fresh();

        assertThat(post("/cds-services/" + RELAPSE + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(card, TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(stored(card)).singleElement().satisfies(e -> assertThat(e.serviceId()).isEqualTo(RELAPSE));
    }

    @Test
    void overrideReason_theCardOffered_isStoredWithTheCardsDisplay_andOneItDidNotOffer_is400() {
        String card = json(callService(RISK, request("ped-all-risk/example-a"))).path("cards").path(0).path("uuid").asString();
        cardLog.flush(Duration.ofSeconds(10));
        String system = "https://all-cds.org/fhir/CodeSystem/override-reason";
        String item = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                 "overrideReason": {"reason": {"system": "%s", "code": "%s"}}}]}""";

        // A code the relapse service offers but the risk card did not → 400, nothing stored
        assertOperationOutcome(post(FEEDBACK, item.formatted(card, TIMESTAMP, system, "clinical-trial")), 400,
                "feedback[0].overrideReason.reason", "clinical-trial", "not one of the reasons card " + card + " offered",
                "record-incomplete, different-protocol, already-addressed, clinical-judgement");
        assertThat(stored(card)).isEmpty();
        // A system of 255 characters (the longest taken) is quoted as diagnostics quote any value sent: 100, then "…"
        String longSystem = "https://example.org/" + "s".repeat(235);
        String refused = post(FEEDBACK, item.formatted(card, TIMESTAMP, longSystem, "clinical-trial")).body();
        assertThat(refused).contains("https://example.org/" + "s".repeat(80) + "…|clinical-trial")
                .doesNotContain("s".repeat(81));
        // The sandbox-shaped form (no display) of a reason it offered → 200, stored with the display the card offered
        assertThat(post(FEEDBACK, item.formatted(card, TIMESTAMP, system, "different-protocol")).statusCode()).isEqualTo(200);

        assertThat(stored(card)).singleElement().satisfies(e ->
                assertThat(e.reason()).isEqualTo(new Coding(system, "different-protocol", "Treated on a different protocol")));
    }

    /**
     * As with override reasons: accepting a suggestion the card never offered is a 400 naming the path, nothing stored;
     * one it offered is stored. A card this service never issued is still accepted as sent (§8 G69).
     */
    @Test
    void acceptedSuggestion_theCardOffered_isStored_andOneItDidNotOffer_is400() {
        JsonNode cards = json(callService(RISK, request("ped-all-risk/example-a"))).path("cards");
        cardLog.flush(Duration.ofSeconds(10));
        JsonNode withSuggestion = cardWithSuggestion(cards);
        String card = withSuggestion.path("uuid").asString();
        String offered = withSuggestion.path("suggestions").path(0).path("uuid").asString();
        String item = """
                {"feedback": [{"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "%s"}, {"id": "%s"}],
                 "outcomeTimestamp": "%s"}]}""";

        assertOperationOutcome(post(FEEDBACK, item.formatted(card, offered, "never-offered", TIMESTAMP)), 400,
                "feedback[0].acceptedSuggestions[1].id", "never-offered", "not one of the suggestions card " + card
                        + " offered", offered);
        assertThat(stored(card)).isEmpty();
        assertThat(post(FEEDBACK, item.formatted(card, offered, offered, TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(stored(card)).singleElement().satisfies(e ->
                assertThat(e.acceptedSuggestions()).containsExactly(offered, offered));

        String unknownCard = fresh();
        assertThat(post(FEEDBACK, item.formatted(unknownCard, "s1", "s2", TIMESTAMP)).statusCode()).isEqualTo(200);
        assertThat(stored(unknownCard)).hasSize(1);
    }

    @Test
    void acceptedSuggestion_onACardThatOfferedNone_is400() {
        String card = fresh();
        store.recordIssued(List.of(new IssuedCard(card, RISK, "0".repeat(64), Instant.now(), List.of(),
                OfferedReasons.NONE)));

        assertOperationOutcome(post(FEEDBACK, """
                {"feedback": [{"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "x"}],
                 "outcomeTimestamp": "%s"}]}""".formatted(card, TIMESTAMP)), 400,
                "feedback[0].acceptedSuggestions[0].id", "offered (none)");
        assertThat(stored(card)).isEmpty();
    }

    @Test
    void valuesLongerThanTheStoreKeeps_are400NamingThePath_andNothingIsStored() {
        String card = fresh();
        String body = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"},
                              {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s"}]}"""
                .formatted(card, TIMESTAMP, "c".repeat(101), TIMESTAMP);

        assertOperationOutcome(post(FEEDBACK, body), 400, "feedback[1].card is longer than 100 characters");
        assertThat(stored(card)).isEmpty();
    }

    @Test
    void getOnFeedback_is405() {
        assertOperationOutcome(get(FEEDBACK), 405, "POST");
    }
}
