package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * The pooled instance validator reports exactly what HAPI's own module reports: every single-resource example (valid
 * and invalid) and, from the example bundles and the requests' prefetch, one resource of each kind (type, claimed
 * profiles, codes), against the profiles it claims and against an explicit profile; the reused validators take them in
 * reverse order, so each validation follows another one than in file order (what one validation leaves behind must not
 * change the next one's messages). HAPI's module costs an instance validator per resource (it parses a 1.5 MB OID
 * registry each time), so the 110 bundled resources, which repeat 27 kinds, are compared one per kind.
 */
class PooledInstanceValidatorTest {

    private static final FhirContext FHIR = SharedValidator.FHIR;
    private static final Path EXAMPLES = SharedValidator.PROFILES.resolve("examples");
    private static final Path REQUESTS = SharedValidator.PROFILES.resolve("requests");

    @Test
    void everyExampleAndRequestResourceGetsHapisMessages() throws IOException {
        ProfileValidator pooled = SharedValidator.VALIDATOR;
        ProfileValidator hapi = pooled.withHapiModule();
        List<Resource> resources = resources();
        assertThat(resources).hasSizeGreaterThan(60);

        // Each resource once through HAPI's module (which costs an instance validator each): alternately against the
        // profiles it claims and against an explicit one, so both ways of naming the profile are compared.
        List<List<ProfileValidator.Message>> expected = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            expected.add(validate(hapi, resources.get(i), i));
        }
        assertThat(expected).as("the comparison includes errors").anySatisfy(
                messages -> assertThat(messages).anyMatch(ProfileValidator.Message::isError));

        // The reused validators in the other order: each validation follows a different one than in the file order.
        for (int i = resources.size() - 1; i >= 0; i--) {
            assertThat(validate(pooled, resources.get(i), i)).as("%s", resources.get(i).getId()).isEqualTo(expected.get(i));
        }
    }

    private static List<ProfileValidator.Message> validate(ProfileValidator validator, Resource r, int i) {
        return i % 2 == 0 ? validator.validate(r) : validator.validate(r, explicitProfile(r));
    }

    /** The first claimed profile, or for a resource claiming none the base definition's URL (as the service passes). */
    private static String explicitProfile(Resource r) {
        return r.getMeta().getProfile().stream().map(CanonicalType::getValue).findFirst()
                .orElse("http://hl7.org/fhir/StructureDefinition/" + r.fhirType());
    }

    private static List<Resource> resources() throws IOException {
        List<Resource> out = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (Path file : files(EXAMPLES)) {
            add(out, kinds, (Resource) FHIR.newJsonParser().parseResource(Files.readString(file)));
        }
        for (Path file : files(REQUESTS)) {
            for (JsonElement item : JsonParser.parseString(Files.readString(file)).getAsJsonObject()
                    .getAsJsonObject("prefetch").asMap().values()) {
                if (item.isJsonObject()) {
                    add(out, kinds, (Resource) FHIR.newJsonParser().parseResource(item.toString()));
                }
            }
        }
        return out;
    }

    /** A single resource always; of a Bundle's entries, the first of each kind not seen yet. */
    private static void add(List<Resource> out, Set<String> kinds, Resource resource) {
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(entry -> kinds.add(kind(entry))).forEach(out::add);
        } else {
            out.add(resource);
        }
    }

    /** Type, claimed profiles and codes: what decides which profile, slices and bindings a resource is checked by. */
    private static String kind(Resource resource) {
        CodeableConcept code = resource instanceof Observation o ? o.getCode()
                : resource instanceof Condition c ? c.getCode()
                : resource instanceof Procedure p ? p.getCode()
                : resource instanceof ServiceRequest r ? r.getCode()
                : new CodeableConcept();
        return resource.fhirType() + " " + resource.getMeta().getProfile().stream().map(CanonicalType::getValue).toList()
                + " " + code.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).sorted().toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
