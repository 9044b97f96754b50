package org.allcds.profiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** patient-view requests built from the scenario Bundles, sent over real HTTP. */
final class ValidationRequests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RELAPSE_SERVICE = "/cds-services/ped-all-relapse";

    private ValidationRequests() {
    }

    /** The scenario's resources as prefetch, without meta.profile (an EHR does not claim our profiles). */
    static ObjectNode request(String scenario) throws IOException {
        JsonNode bundle = JSON.readTree(Files.readString(
                Path.of("fhir-profiles/examples/scenarios/Bundle-scenario-" + scenario + ".json")));
        List<ObjectNode> resources = new ArrayList<>();
        bundle.get("entry").forEach(e -> {
            ObjectNode r = ((ObjectNode) e.get("resource")).deepCopy();
            r.remove("meta");
            resources.add(r);
        });
        ObjectNode patient = resources.stream().filter(r -> r.get("resourceType").asString().equals("Patient"))
                .findFirst().orElseThrow();
        ObjectNode body = JSON.createObjectNode();
        body.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea").put("hook", "patient-view");
        body.putObject("context").put("userId", "Practitioner/dr-1").put("patientId", patient.get("id").asString());
        ObjectNode prefetch = body.putObject("prefetch");
        prefetch.set("patient", patient);
        prefetch.set("conditions", searchset(resources, "Condition"));
        prefetch.set("observations", searchset(resources, "Observation"));
        prefetch.set("procedures", searchset(resources, "Procedure"));
        body.putObject("extension").putObject("org.allcds").put("evaluationTime", "2021-06-01");
        return body;
    }

    /** The second-relapse scenario with a WBC that has no unit and a relapse Observation that has no date. */
    static ObjectNode brokenRequest() throws IOException {
        ObjectNode body = request("second-relapse-after-hsct");
        for (JsonNode entry : body.get("prefetch").get("observations").get("entry")) {
            ObjectNode r = (ObjectNode) entry.get("resource");
            if (r.get("id").asString().equals("second-relapse-wbc")) {
                ObjectNode q = (ObjectNode) r.get("valueQuantity");
                q.remove(List.of("unit", "system", "code"));
            }
            if (r.get("id").asString().equals("second-relapse-relapse-2")) {
                r.remove("effectiveDateTime");
            }
        }
        return body;
    }

    private static ObjectNode searchset(List<ObjectNode> resources, String type) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        resources.stream().filter(r -> r.get("resourceType").asString().equals(type))
                .forEach(r -> entries.addObject().put("fullUrl", "https://ehr.example.org/fhir/" + type + "/" + r.get("id").asString())
                        .set("resource", r));
        return bundle;
    }

    static HttpResponse<String> post(int port, ObjectNode body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + RELAPSE_SERVICE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every finding of every card in a CDS Hooks response. */
    static List<JsonNode> findings(String responseBody) {
        List<JsonNode> findings = new ArrayList<>();
        JSON.readTree(responseBody).get("cards").forEach(card -> {
            JsonNode ext = card.path("extension").path("org.allcds").path("findings");
            ext.forEach(findings::add);
        });
        return findings;
    }

    static boolean hasProfileViolation(String responseBody) {
        return findings(responseBody).stream().anyMatch(f -> f.path("type").asString().equals("data-quality")
                && f.path("value").asString().equals("profile-violation"));
    }
}
