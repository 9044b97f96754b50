package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order-sign service over real HTTP: its required context, one card per draft order that needs one, the suggestion
 * that deletes the draft, and feedback overriding such a card with one of the reasons it offers.
 */
class OrderSignIT extends AbstractHttpIT {

    static final String ORDERS = "ped-all-orders";
    /** Worked example C (late isolated marrow relapse, COG low, BFM S2, block-1 MRD below 0.1 %) signing four orders. */
    private static final Path EXAMPLE = Path.of("fhir-profiles/requests/ped-all-orders-example-c.json");

    private static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EXAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode cards(ObjectNode request) {
        HttpResponse<String> response = callService(ORDERS, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        CardChecks.assertValidResponse(body);
        return body.path("cards");
    }

    private static String orderOf(JsonNode card) {
        for (JsonNode input : card.path("extension").path("org.allcds").path("inputs")) {
            if (input.path("name").asString().equals("draftOrder")) {
                return input.path("reference").asString();
            }
        }
        return null;
    }

    @Test
    void discovery_listsTheOrderSignServiceWithTheRelapsePrefetch() {
        JsonNode services = json(get("/cds-services")).path("services");
        JsonNode orders = null;
        for (JsonNode s : services) {
            if (s.path("id").asString().equals(ORDERS)) {
                orders = s;
            }
        }
        assertThat(orders).as("ped-all-orders in %s", services).isNotNull();
        assertThat(orders.path("hook").asString()).isEqualTo("order-sign");
        assertThat(orders.path("description").asString()).isNotBlank();
        assertThat(orders.path("prefetch").path("patient").asString()).isEqualTo("Patient/{{context.patientId}}");
    }

    @Test
    void missingDraftOrders_is400NamingIt() {
        ObjectNode request = example();
        ((ObjectNode) request.get("context")).remove("draftOrders");

        assertOperationOutcome(callService(ORDERS, request), 400, "context.draftOrders");
    }

    @Test
    void draftOrdersThatAreNotABundle_is400NamingIt() {
        ObjectNode request = example();
        ((ObjectNode) request.get("context")).putArray("draftOrders").addObject().put("resourceType", "MedicationRequest");

        assertOperationOutcome(callService(ORDERS, request), 400, "context.draftOrders");
    }

    @Test
    void oneWarningCardPerOrderThatNeedsOne_withTheCriterionNotMet() {
        JsonNode cards = cards(example());

        List<String> orders = new ArrayList<>();
        cards.forEach(c -> orders.add(orderOf(c)));
        // vincristine is an order the checks do not know: no card
        assertThat(orders).containsExactlyInAnyOrder("MedicationRequest/cart-1", "MedicationRequest/blina-1",
                "ServiceRequest/hsct-referral-1");
        for (JsonNode card : cards) {
            assertThat(card.path("indicator").asString()).isEqualTo("warning");
            List<String> findings = new ArrayList<>();
            card.path("extension").path("org.allcds").path("findings").forEach(f -> findings.add(
                    f.path("type").asString() + " " + f.path("scheme").asString() + " " + f.path("value").asString()));
            assertThat(findings).anyMatch(f -> f.startsWith("order-check "));
        }
        for (JsonNode card : cards) {
            if ("MedicationRequest/blina-1".equals(orderOf(card))) {
                assertThat(card.path("summary").asString()).contains("end-of-block-1 MRD below 0.1 %");
            }
        }
    }

    @Test
    void eachOrderCard_offersTheDeletionOfItsDraftAlone() {
        for (JsonNode card : cards(example())) {
            assertThat(card.path("selectionBehavior").asString()).isEqualTo("at-most-one");
            assertThat(card.path("suggestions")).hasSize(1);
            JsonNode actions = card.path("suggestions").path(0).path("actions");
            assertThat(actions).hasSize(1);
            JsonNode delete = actions.path(0);
            assertThat(delete.path("type").asString()).isEqualTo("delete");
            assertThat(delete.path("resourceId").asString()).isEqualTo(orderOf(card));
            assertThat(delete.path("description").asString()).isNotBlank();
            assertThat(delete.has("resource")).as("a delete carries no resource").isFalse();
        }
    }

    @Test
    void anOrderOfAnotherPatient_isNeverUsed() {
        ObjectNode request = example();
        for (JsonNode entry : request.path("context").path("draftOrders").path("entry")) {
            ((ObjectNode) entry.path("resource").path("subject")).put("reference", "Patient/someone-else");
        }

        JsonNode cards = cards(request);

        assertThat(cards).allSatisfy(c -> assertThat(orderOf(c)).isNull());
        List<String> values = new ArrayList<>();
        cards.forEach(c -> c.path("extension").path("org.allcds").path("findings").forEach(f -> values.add(f.path("value").asString())));
        assertThat(values).containsExactly("foreign-subject-excluded");
        assertThat(cards.toString()).doesNotContain("someone-else");
    }

    @Test
    void feedback_overridingAnOrderCardWithAReasonItOffers_isAccepted() {
        JsonNode card = cards(example()).path(0);
        JsonNode reasons = card.path("overrideReasons");
        assertThat(reasons.isArray() && !reasons.isEmpty()).as("override reasons on %s", card).isTrue();
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.path("code").asString()));
        assertThat(codes).contains("clinical-trial", "tumour-board", "record-incomplete");
        JsonNode reason = reasons.path(0);

        HttpResponse<String> response = post("/cds-services/" + ORDERS + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden",
                  "overrideReason": {"reason": {"system": "%s", "code": "%s", "display": "%s"},
                                     "userComment": "Signed as decided by the tumour board"},
                  "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}""".formatted(card.path("uuid").asString(),
                reason.path("system").asString(), reason.path("code").asString(), reason.path("display").asString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
