package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PrimitiveCheck}'s own walk reaches the primitives HAPI's {@code FhirTerser} reaches, with the same parents,
 * in the same order and under the same element paths: on every resource of the worked examples, and on resources
 * made to hold invalid values in every kind of place (choice types, extensions on the resource and on elements,
 * modifier extensions, contained resources, backbone elements, deep nesting, references, blank values).
 */
class PrimitiveCheckWalkTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final JsonMapper JSON = FhirFetcher.fhirJsonMapper();

    static Stream<String> hostileResources() {
        return Stream.of(
                """
                {"resourceType": "Patient", "id": "p 1", "birthDate": " 2020-02-10", "gender": "female",
                 "name": [{"family": "X", "given": ["A", " "], "period": {"start": "2020-13-01", "end": "2021-02-30"}}],
                 "extension": [{"url": "http://x/e", "valueDateTime": "2020-02-10 "},
                   {"url": "http://x/n", "extension": [{"url": "inner", "valueCode": "a  b"},
                     {"url": "deeper", "extension": [{"url": "x y", "valueInteger": 7}]}]}],
                 "modifierExtension": [{"url": "http://x/m", "valueDecimal": 1.0}],
                 "managingOrganization": {"reference": "Organization/ o1", "display": " any text "},
                 "contact": [{"relationship": [{"coding": [{"system": "http://x/ s", "code": "C "}]}],
                   "period": {"start": "2020-02-10T10:00:00"}}]}""",
                """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "contained": [{"resourceType": "Patient", "id": "c1", "birthDate": "2020-02-30",
                   "extension": [{"url": "http://x/e", "valueInstant": "2020-02-10T10:00:00"}]},
                   {"resourceType": "Observation", "id": "c2", "status": "final", "code": {"text": "t"},
                    "effectivePeriod": {"start": "2020-02-10T25:00:00Z"}, "valueInteger": 7}],
                 "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2", "userSelected": true}]},
                 "subject": {"reference": "#c1"},
                 "effectiveTiming": {"event": ["2020-02-10", "2020-02-10T10:00"], "repeat": {"timeOfDay": ["10:00:00", "25:00:00"]}},
                 "valueRange": {"low": {"value": 1, "code": " mg"}, "high": {"value": 2, "unit": "mg "}},
                 "referenceRange": [{"low": {"value": 1.5, "extension": [{"url": "http://x/q", "valueTime": "1:00:00"}]},
                   "appliesTo": [{"coding": [{"code": "a\\tb"}]}], "age": {"low": {"value": 1}}}],
                 "component": [{"code": {"text": "c"}, "valueDateTime": "2020-02", "interpretation": [{"text": "n"}]},
                   {"code": {"text": "d"}, "valueTime": "10:00:00 "}],
                 "_status": {"extension": [{"url": "http://x/s", "valueDate": "2020-1-1"}]}}""",
                """
                {"resourceType": "Condition", "id": "c1",
                 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                 "onsetAge": {"value": 3, "unit": "a", "system": "http://unitsofmeasure.org ", "code": "a"},
                 "abatementString": " in remission ", "recordedDate": "2020-02-10T10:00:00+14:01",
                 "evidence": [{"detail": [{"reference": "Observation/o1 "}, {"identifier": {"system": "urn: x", "value": "v"}}]}],
                 "note": [{"authorReference": {"reference": ""}, "time": "2020-02-10T10:00:00.Z", "text": "x"}]}""",
                """
                {"resourceType": "Parameters", "parameter": [{"name": "a b", "valueDate": "2020-02-10 "},
                  {"name": "r", "resource": {"resourceType": "Patient", "birthDate": "garbage"}},
                  {"name": "p", "part": [{"name": "q", "part": [{"name": "z", "valueUri": "a b"}]}]}]}""");
    }

    @ParameterizedTest
    @MethodSource("hostileResources")
    void walk_findsWhatTheTerserFinds_onResourcesWithInvalidValuesEverywhere(String json) {
        assertSameAsTerser(json);
    }

    @Test
    void walk_findsWhatTheTerserFinds_onEveryResourceOfTheWorkedExamples() throws IOException {
        List<String> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles/requests"))) {
            files.sorted().flatMap(file -> JSON.readTree(file.toFile()).path("prefetch").valueStream())
                    .filter(JsonNode::isObject).forEach(json -> resources.addAll(leaves(json.toString())));
        }
        assertThat(resources).hasSizeGreaterThan(20);
        resources.forEach(PrimitiveCheckWalkTest::assertSameAsTerser);
    }

    @Test
    void walk_findsWhatTheTerserFinds_inDeeplyNestedExtensions() {
        String inner = "{\"url\": \"http://x/leaf\", \"valueDateTime\": \"2020-02-30\"}";
        for (int i = 0; i < 60; i++) {
            inner = "{\"url\": \"http://x/" + i + "\", \"extension\": [" + inner + ", {\"url\": \"u\", \"valueCode\": \" c\"}]}";
        }
        assertSameAsTerser("{\"resourceType\": \"Patient\", \"extension\": [" + inner + "]}");
    }

    private static List<String> leaves(String json) {
        Resource resource = parse(json);
        return resource instanceof Bundle bundle
                ? bundle.getEntry().stream().filter(e -> e.getResource() != null)
                        .map(e -> FHIR.newJsonParser().encodeResourceToString(e.getResource())).toList()
                : List.of(json);
    }

    /** Two parses of the same JSON, one checked by each walk: the same paths found, the same values left. */
    private static void assertSameAsTerser(String json) {
        Resource byTerser = parse(json);
        Resource byWalk = parse(json);
        List<String> expected = TerserPrimitiveCheck.check(byTerser);
        PrimitiveCheck.check(byWalk, List.of());

        assertThat(PrimitiveCheck.invalidElements(byWalk)).as(json).containsExactlyElementsOf(expected);
        IParser encoder = FHIR.newJsonParser();
        assertThat(encoder.encodeResourceToString(byWalk)).isEqualTo(encoder.encodeResourceToString(byTerser));
    }

    /** As {@link FhirJson} parses: lenient, a value HAPI cannot read is dropped rather than an error. */
    private static Resource parse(String json) {
        LenientErrorHandler lenient = new LenientErrorHandler(false);
        lenient.setErrorOnInvalidValue(false);
        return (Resource) FHIR.newJsonParser().setParserErrorHandler(lenient).parseResource(json);
    }
}
