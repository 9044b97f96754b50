package org.allcds.scenario;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One author scenario. {@code input} holds exactly one of {@code bundle} (a FHIR Bundle), {@code bundleFile} (a JSON
 * file, relative to the scenario), {@code prefetch} (a CDS Hooks prefetch object) or {@code requestFile} (a CDS Hooks
 * request whose prefetch is used). {@code findings} is the exact set
 * expected (null when the scenario checks only {@code includes}/{@code excludes}). {@code noCheckedOrder} states that
 * none of an order-sign scenario's draft orders is one the order checks know, so that {@code findings: []} is meant.
 */
public record Scenario(String file, Path path, String name, String service, String evaluationTime, JsonNode input,
                       List<ExpectedFinding> findings, List<ExpectedFinding> includes, List<ExpectedFinding> excludes,
                       List<String> rulesFired, boolean noCheckedOrder) {
}
