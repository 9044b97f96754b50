package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The pooled instance validator reports exactly what HAPI's own module reports: every resource of the examples (valid
 * and invalid, bundles by entry) and of the requests' prefetch, against the profiles it claims and against an explicit
 * profile; the reused validators take them in reverse order, so each validation follows another one than in file order
 * (what one validation leaves behind must not change the next one's messages).
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
        assertThat(resources).hasSizeGreaterThan(100);

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
        for (Path file : files(EXAMPLES)) {
            add(out, (Resource) FHIR.newJsonParser().parseResource(Files.readString(file)));
        }
        for (Path file : files(REQUESTS)) {
            for (JsonElement item : JsonParser.parseString(Files.readString(file)).getAsJsonObject()
                    .getAsJsonObject("prefetch").asMap().values()) {
                if (item.isJsonObject()) {
                    add(out, (Resource) FHIR.newJsonParser().parseResource(item.toString()));
                }
            }
        }
        return out;
    }

    private static void add(List<Resource> out, Resource resource) {
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().forEach(e -> out.add(e.getResource()));
        } else {
            out.add(resource);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
