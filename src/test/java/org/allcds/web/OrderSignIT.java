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
import tools.jackson.databind.node.ArrayNode;
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
        // vincristine is an order the checks do not know, and blinatumomab is the blocks the relapse card advises for
        // this COG low-risk marrow relapse: no card for either
        assertThat(orders).containsExactlyInAnyOrder("MedicationRequest/cart-1", "ServiceRequest/hsct-referral-1");
        for (JsonNode card : cards) {
            assertThat(card.path("indicator").asString()).isEqualTo("warning");
            List<String> findings = new ArrayList<>();
            card.path("extension").path("org.allcds").path("findings").forEach(f -> findings.add(
                    f.path("type").asString() + " " + f.path("scheme").asString() + " " + f.path("value").asString()));
            assertThat(findings).anyMatch(f -> f.startsWith("order-check "));
        }
        assertThat(cartCard(cards).path("summary").asString()).contains("first relapse, not refractory");
    }

    @Test
    void recordsLeftOut_areReported_alsoWhenTheyWereAllTheAllRecordThereWas() {
        ObjectNode early = example();
        early.putObject("extension").putObject("org.allcds").put("evaluationTime", "2015-01-01");
        ObjectNode foreign = example();
        for (JsonNode bundle : foreign.path("prefetch")) {
            for (JsonNode entry : bundle.path("entry")) {
                if (entry.path("resource").has("subject")) {
                    ((ObjectNode) entry.path("resource")).putObject("subject").put("reference", "Patient/p2");
                }
            }
        }
        // contract §2a D4 and D2: the order checks lack their inputs, and the response says why
        assertThat(findingsOf(cards(early))).contains("data-quality  dated-after-evaluation-time");
        assertThat(findingsOf(cards(foreign))).contains("data-quality  foreign-subject-excluded");
    }

    /** A relapse whose date cannot be read leaves each order unchecked; each card names the relapse and the input. */
    @Test
    void aRelapseWhoseDateCannotBeRead_leavesEachOrderUnchecked_namingTheRelapseDate() {
        ObjectNode request = example();
        int broken = 0;
        for (JsonNode bundle : request.path("prefetch")) {
            for (JsonNode entry : bundle.path("entry")) {
                JsonNode resource = entry.path("resource");
                boolean relapse = false;
                for (JsonNode coding : resource.path("code").path("coding")) {
                    relapse |= coding.path("code").asString("").equals("relapse");
                }
                if (relapse) {
                    ((ObjectNode) resource).put("effectiveDateTime", "2019-13-45");
                    broken++;
                }
            }
        }
        assertThat(broken).as("relapse records in the example").isEqualTo(1);

        List<String> summaries = new ArrayList<>();
        cards(request).forEach(card -> summaries.add(card.path("summary").asString()));
        assertThat(summaries).hasSize(3).allSatisfy(summary ->
                assertThat(summary).endsWith("could not be checked: relapse unreadable (relapse date)"));
    }

    private static List<String> findingsOf(JsonNode cards) {
        List<String> findings = new ArrayList<>();
        cards.forEach(c -> c.path("extension").path("org.allcds").path("findings").forEach(f -> findings.add(
                f.path("type").asString() + " " + f.path("scheme").asString("") + " " + f.path("value").asString())));
        return findings;
    }

    @Test
    void theCarTOrderCard_carriesTheLabelFindingsItsCheckRestsOn() {
        JsonNode ext = cartCard(cards(example())).path("extension").path("org.allcds");

        List<String> findings = new ArrayList<>();
        ext.path("findings").forEach(f -> findings.add(
                f.path("type").asString() + " " + f.path("scheme").asString() + " " + f.path("value").asString()));
        // "label not met (EMA, FDA)" is backed by the label check in each scheme, as the HSCT card by hsct-indication
        assertThat(findings).contains("order-check CART_PRODUCT LABEL_NOT_MET", "cart-eligibility EMA NOT_MET",
                "cart-eligibility FDA NOT_MET");
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

    private static ObjectNode cartOrder(ObjectNode request) {
        return (ObjectNode) request.path("context").path("draftOrders").path("entry").path(0).path("resource");
    }

    /** Every finding of a response as "type value", and every card's text, for what it names. */
    private static List<String> findings(JsonNode cards) {
        List<String> all = new ArrayList<>();
        cards.forEach(c -> c.path("extension").path("org.allcds").path("findings").forEach(f -> all.add(
                f.path("type").asString() + " " + f.path("value").asString())));
        return all;
    }

    private static JsonNode cartCard(JsonNode cards) {
        for (JsonNode card : cards) {
            if (card.path("summary").asString().startsWith("Tisagenlecleucel (CAR-T) order")) {
                return card;
            }
        }
        throw new AssertionError("no CAR-T order card in " + cards);
    }

    /** The CAR-T order (entry 0) checked and shown, located by its place, with nothing to delete; the others as usual. */
    private static void assertCartOrderCheckedWithoutDeletion(JsonNode cards) {
        assertThat(findings(cards)).filteredOn(f -> f.startsWith("order-check ")).hasSize(2);
        JsonNode cart = cartCard(cards);
        assertThat(cart.path("summary").asString()).contains("label criteria not met");
        assertThat(cart.path("suggestions").isMissingNode() || cart.path("suggestions").isEmpty())
                .as("no delete without an id: %s", cart.path("suggestions")).isTrue();
        assertThat(orderOf(cart)).isEmpty();
        // the extension says where it stood in the request; the text a clinician reads counts the drafts
        assertThat(cart.path("extension").toString()).contains("context.draftOrders.entry[0]");
        assertThat(cart.path("detail").asString()).doesNotContain("context.draftOrders")
                .contains("Tisagenlecleucel (CAR-T) order (draft order 1, no id)");
        List<String> targets = new ArrayList<>();
        cards.forEach(c -> c.path("suggestions").forEach(s -> s.path("actions").forEach(a -> targets.add(a.path("resourceId").asString()))));
        assertThat(targets).containsExactly("ServiceRequest/hsct-referral-1");
    }

    @Test
    void anOrderWithoutId_isStillChecked_andSaysWhichOrderHasNoId() {
        ObjectNode request = example();
        cartOrder(request).remove("id");

        JsonNode cards = cards(request);

        assertCartOrderCheckedWithoutDeletion(cards);
        assertThat(findings(cards)).contains("data-quality draft-order-without-id");
    }

    @Test
    void anIdOutsideTheFhirIdGrammar_isNeverRewritten_andIsReportedInvalid() {
        for (String id : new String[] {"a b/c", "a".repeat(65), "cart_1"}) {
            ObjectNode request = example();
            cartOrder(request).put("id", id);

            JsonNode cards = cards(request);

            assertCartOrderCheckedWithoutDeletion(cards);
            assertThat(findings(cards)).as(id).contains("data-quality invalid-value");
            assertThat(cards.toString()).as(id).contains("MedicationRequest.id at context.draftOrders.entry[0]");
        }
    }

    @Test
    void twoOrdersWithOneId_countOnce_theFirst_andTheCopyIsReported() {
        ObjectNode request = example();
        ObjectNode copy = cartOrder(request).deepCopy();
        copy.set("medicationCodeableConcept", request.path("context").path("draftOrders").path("entry").path(1)
                .path("resource").path("medicationCodeableConcept").deepCopy());
        ((tools.jackson.databind.node.ArrayNode) request.path("context").path("draftOrders").path("entry")).addObject()
                .set("resource", copy);

        JsonNode cards = cards(request);

        assertThat(cards).filteredOn(c -> "MedicationRequest/cart-1".equals(orderOf(c))).singleElement().satisfies(cart -> {
            assertThat(cart.path("summary").asString()).startsWith("Tisagenlecleucel (CAR-T) order");
            assertThat(cart.path("detail").asString()).doesNotContainIgnoringCase("blinatumomab").doesNotContain("MRD below");
        });
        assertThat(findings(cards)).contains("data-quality duplicate-resource");
    }

    @Test
    void twoOrdersWithoutIdButOneFullUrl_countOnce_andTheCopyIsReported() {
        ObjectNode request = example();
        ArrayNode entries = (ArrayNode) request.path("context").path("draftOrders").path("entry");
        ((ObjectNode) entries.path(0)).put("fullUrl", "urn:uuid:8f1c6b2e-5d3a-4b7e-9c1f-2a6d4e8b0c31");
        cartOrder(request).remove("id");
        entries.add(entries.path(0).deepCopy());

        JsonNode cards = cards(request);

        assertThat(cards).filteredOn(c -> c.path("summary").asString().startsWith("Tisagenlecleucel (CAR-T) order"))
                .hasSize(1);
        assertThat(findings(cards)).contains("data-quality duplicate-resource");
    }

    @Test
    void aCheckedOrder_isNeverHiddenBehindAnUncheckedOneWithItsIdOrFullUrl() {
        for (String shared : new String[] {"id", "fullUrl"}) {
            ObjectNode request = example();
            ArrayNode entries = (ArrayNode) request.path("context").path("draftOrders").path("entry");
            ObjectNode vincristine = (ObjectNode) entries.path(3);
            ObjectNode cart = (ObjectNode) entries.remove(0);
            if (shared.equals("id")) {
                ((ObjectNode) vincristine.path("resource")).put("id", "cart-1");
            } else {
                vincristine.put("fullUrl", "urn:uuid:0b6f1e2a-3c4d-4e5f-8a9b-1c2d3e4f5a6b");
                cart.put("fullUrl", "urn:uuid:0b6f1e2a-3c4d-4e5f-8a9b-1c2d3e4f5a6b");
                ((ObjectNode) vincristine.path("resource")).remove("id");
                ((ObjectNode) cart.path("resource")).remove("id");
            }
            entries.add(cart); // the unchecked vincristine comes first

            JsonNode cards = cards(request);

            assertThat(cards).as(shared).filteredOn(c -> c.path("summary").asString()
                    .startsWith("Tisagenlecleucel (CAR-T) order")).hasSize(1);
            assertThat(findings(cards)).as(shared).contains("data-quality duplicate-resource");
        }
    }

    @Test
    void ordersTheServiceDoesNotCheck_getNoCard_whateverTheirIdsOrType() {
        // vincristine without an id, with an invalid one, twice; a NutritionOrder: an EHR sending such orders must not
        // see a data-quality warning on every signature
        List<String> summaries = summaries(cards(example()));
        for (String variant : new String[] {"no id", "invalid id", "twice", "other type"}) {
            ObjectNode request = example();
            ArrayNode entries = (ArrayNode) request.path("context").path("draftOrders").path("entry");
            ObjectNode vincristine = (ObjectNode) entries.path(3).path("resource");
            switch (variant) {
                case "no id" -> vincristine.remove("id");
                case "invalid id" -> vincristine.put("id", "a b/c");
                case "twice" -> entries.addObject().set("resource", vincristine.deepCopy());
                default -> entries.addObject().putObject("resource").put("resourceType", "NutritionOrder")
                        .put("status", "draft").put("intent", "order").putObject("patient").put("reference", "Patient/p1");
            }

            assertThat(summaries(cards(request))).as(variant).isEqualTo(summaries);
        }
    }

    private static List<String> summaries(JsonNode cards) {
        List<String> summaries = new java.util.ArrayList<>();
        cards.forEach(card -> summaries.add(card.path("summary").asString()));
        return summaries;
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
