package org.allcds.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compose stack's one-shot loader puts every worked-example resource into the FHIR server, by id. */
class ExampleLoaderTest {

    private static final Path REQUESTS = Path.of("fhir-profiles/requests");
    private final WireMockServer fhir = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        fhir.start();
        fhir.stubFor(get(urlEqualTo("/fhir/metadata")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        fhir.stop();
    }

    @Test
    void everyPrefetchResourceOfTheWorkedExamples_isPutByTypeAndId() throws Exception {
        fhir.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(201)));
        ExampleLoader loader = new ExampleLoader(fhir.baseUrl() + "/fhir/");

        loader.awaitServer(Duration.ofSeconds(10));
        int loaded = loader.load(REQUESTS);

        assertThat(loaded).isEqualTo(ExampleLoader.resources(REQUESTS).size()).isGreaterThan(10);
        fhir.verify(putRequestedFor(urlEqualTo("/fhir/Patient/example-a"))
                .withHeader("Content-Type", equalTo("application/fhir+json"))
                .withRequestBody(matchingJsonPath("$.birthDate", equalTo("2020-02-10"))));
        assertThat(fhir.getAllServeEvents()).filteredOn(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .hasSize(loaded)
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).matches("/fhir/[A-Z][A-Za-z]+/[A-Za-z0-9.-]+"));
    }

    @Test
    void aRefusedResource_stopsTheLoaderWithItsPath() {
        fhir.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(422)));

        assertThatThrownBy(() -> new ExampleLoader(fhir.baseUrl() + "/fhir").load(REQUESTS))
                .hasMessageContaining("answered 422").hasMessageContaining("PUT /");
    }
}
