package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.allcds.feedback.CardLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/feedback/summary} over real HTTP: per rule, the cards issued (as the cards' own {@code org.allcds}
 * extension names their rules), accepted and overridden cards, the override rate and reasons; unmatched feedback
 * apart; the service, rule and since filters; CSV; the admin token.
 */
class FeedbackSummaryIT extends AbstractHttpIT {

    private static final String REASONS = "https://all-cds.org/fhir/CodeSystem/override-reason";
    private static final String TIMESTAMP = "2026-01-01T10:05:31Z";

    @Autowired
    CardLog cardLog;

    private HttpResponse<String> summary(String query, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + ADMIN_TOKEN));
        all.addAll(List.of(headers));
        return get("/admin/feedback/summary?" + query, all.toArray(String[]::new));
    }

    private static Set<String> rulesOf(JsonNode card) {
        Set<String> rules = new TreeSet<>();
        card.path("extension").path("org.allcds").path("rules").forEach(r -> rules.add(r.path("id").asString()));
        return rules;
    }

    private void feedback(String service, String items) {
        assertThat(post("/cds-services/" + service + "/feedback", "{\"feedback\": [" + items + "]}").statusCode()).isEqualTo(200);
    }

    @Test
    void perRule_countsIssuedAcceptedOverridden_rateAndReasons_andUnmatchedApart() {
        Instant since = Instant.now();
        List<JsonNode> cards = new ArrayList<>();
        for (int call = 0; call < 2; call++) {
            json(callService(RISK, request("ped-all-risk/example-a"))).path("cards").forEach(cards::add);
        }
        JsonNode accepted = cards.get(0);
        JsonNode overridden = cards.get(cards.size() - 1);
        assertThat(rulesOf(accepted)).isEqualTo(rulesOf(overridden)); // the same card twice: rate 1/2 per rule
        String reason = """
                {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                 "overrideReason": {"reason": {"system": "%s", "code": "different-protocol"}, "userComment": "AIEOP-BFM"}}"""
                .formatted(overridden.path("uuid").asString(), TIMESTAMP, REASONS);
        cardLog.flush(Duration.ofSeconds(10));

        feedback(RISK, """
                {"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "%s"}], "outcomeTimestamp": "%s"}"""
                .formatted(accepted.path("uuid").asString(), accepted.path("suggestions").path(0).path("uuid").asString(),
                        TIMESTAMP));
        feedback(RISK, reason + ", " + reason); // the same override twice counts once
        feedback(RISK, """
                {"card": "never-issued", "outcome": "overridden", "outcomeTimestamp": "%s"}""".formatted(TIMESTAMP));

        HttpResponse<String> response = summary("since=" + since + "&service=" + RISK);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = json(response);
        Set<String> expectedRules = new TreeSet<>();
        cards.forEach(c -> expectedRules.addAll(rulesOf(c)));
        List<String> listed = new ArrayList<>();
        for (JsonNode rule : summary.path("rules")) {
            String id = rule.path("ruleId").asString();
            listed.add(id);
            long issued = 0;
            for (JsonNode c : cards) {
                issued += rulesOf(c).contains(id) ? 1 : 0;
            }
            long overrides = rulesOf(overridden).contains(id) ? 1 : 0;
            assertThat(rule.path("cardsIssued").asLong()).as(id).isEqualTo(issued);
            assertThat(rule.path("accepted").asLong()).as(id).isEqualTo(rulesOf(accepted).contains(id) ? 1 : 0);
            assertThat(rule.path("overridden").asLong()).as(id).isEqualTo(overrides);
            assertThat(rule.path("overrideRate").asDouble()).as(id).isEqualTo((double) overrides / issued);
            if (overrides == 1) {
                assertThat(rule.path("topOverrideReasons")).singleElement().satisfies(r -> {
                    assertThat(r.path("code").asString()).isEqualTo("different-protocol");
                    assertThat(r.path("display").asString()).isEqualTo("Treated on a different protocol");
                    assertThat(r.path("cards").asLong()).isEqualTo(1);
                });
            }
        }
        assertThat(listed).containsExactlyElementsOf(expectedRules);
        assertThat(summary.path("unmatched").path("entries").asLong()).isEqualTo(1);
        assertThat(summary.path("unmatched").path("overridden").asLong()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("AIEOP-BFM");
    }

    @Test
    void ruleFilter_andCsv_giveOneLinePerRule_thenUnmatched() {
        Instant since = Instant.now();
        JsonNode card = json(callService(RISK, request("ped-all-risk/example-a"))).path("cards").get(0);
        String rule = rulesOf(card).iterator().next();
        cardLog.flush(Duration.ofSeconds(10));
        feedback(RISK, """
                {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                 "overrideReason": {"reason": {"system": "%s", "code": "clinical-judgement"}}}"""
                .formatted(card.path("uuid").asString(), TIMESTAMP, REASONS));

        HttpResponse<String> csv = summary("since=" + since + "&rule=" + rule + "&format=csv");
        HttpResponse<String> byAccept = summary("since=" + since + "&rule=" + rule, "Accept", "text/csv");

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n")).containsExactly(
                "rule_id,cards_issued,accepted,overridden,override_rate,top_override_reasons",
                rule + ",1,0,1,1.0000,clinical-judgement (1)",
                "(unmatched feedback),,0,0,,");
        assertThat(byAccept.body()).isEqualTo(csv.body());
    }

    @Test
    void sinceInTheFuture_countsNothing_andOtherServiceFilter_excludesTheseCards() {
        callService(RISK, request("ped-all-risk/example-a"));
        cardLog.flush(Duration.ofSeconds(10));

        JsonNode future = json(summary("since=2999-01-01"));
        JsonNode otherService = json(summary("since=" + Instant.now().minusSeconds(60) + "&service=no-such-service"));

        assertThat(future.path("rules")).isEmpty();
        assertThat(otherService.path("rules")).isEmpty();
    }

    @Test
    void withoutTheAdminToken_is401_andABadSince_is400() {
        HttpResponse<String> anonymous = get("/admin/feedback/summary");
        HttpResponse<String> wrong = get("/admin/feedback/summary", "Authorization", "Bearer not-the-token");

        assertOperationOutcome(anonymous, 401);
        assertOperationOutcome(wrong, 401);
        // before anything else about the call: not the 405 or 415 that would say which endpoints exist
        assertOperationOutcome(postAs("/admin/feedback/summary", "text/plain", "x"), 401);
        assertOperationOutcome(postAs("/admin/rules/reload", "text/plain", "x"), 401);
        assertOperationOutcome(get("/admin;x=1/feedback/summary"), 401);
        assertOperationOutcome(get("/%61dmin/feedback/summary"), 401);
        assertOperationOutcome(summary("since=yesterday"), 400, "since must be a date");
        assertOperationOutcome(summary("format=xml"), 400, "format must be");
    }
}
