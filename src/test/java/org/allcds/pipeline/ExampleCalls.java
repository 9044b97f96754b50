package org.allcds.pipeline;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.CdsResponse;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import org.allcds.system.EvaluationAssembly;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A worked example's request, changed as a test says, through the service call with the bundled rules: its prefetch read
 * as the HTTP path reads it (values that are not FHIR cleared and named), without Spring or HTTP.
 */
final class ExampleCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExampleCalls() {
    }

    static CdsResponse call(String service, Path example, Consumer<ObjectNode> change) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(example));
        change.accept(body);
        PrefetchResolver prefetch = mock(PrefetchResolver.class);
        PatientData data = new PatientData(new LocalPrefetch().prefetch(body.get("prefetch")));
        when(prefetch.resolve(any(), any(), any())).thenReturn(data);
        HookPipeline pipeline = new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(Clock.systemUTC()), new TemplateCodes(new FactMapper()));
        return pipeline.call(service, request(body));
    }

    private static CdsRequest request(ObjectNode body) {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        body.get("prefetch").properties().forEach(e -> prefetch.put(e.getKey(), e.getValue()));
        return new CdsRequest(body.get("hook").asString(), body.get("hookInstance").asString(), null, null,
                (ObjectNode) body.get("context"), prefetch, (ObjectNode) body.get("extension"));
    }
}
