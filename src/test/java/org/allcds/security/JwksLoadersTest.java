package org.allcds.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwksLoadersTest {

    final WireMockServer jwksHost = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final WireMockServer elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @AfterEach
    void stop() {
        jwksHost.stop();
        elsewhere.stop();
    }

    @Test
    void sandboxJwks_onTheClasspath_isTheConformanceKey() {
        var keys = JwksLoaders.file("classpath:sandbox-jwks.json").get();
        assertThat(keys.getKeyByKeyId("44823f3d-0b01-4a6c-a80e-b9d3e8a7226f")).isNotNull();
    }

    @Test
    void remote_fetchesTheConfiguredUrl() {
        jwksHost.start();
        jwksHost.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withBody(TestTokens.trustedJwks().toString())));
        var keys = JwksLoaders.remote(URI.create(jwksHost.baseUrl() + "/jwks.json"), Duration.ofSeconds(10)).get();
        assertThat(keys.getKeyByKeyId(TestTokens.EC.getKeyID())).isNotNull();
    }

    @Test
    void remote_doesNotFollowRedirects() {
        jwksHost.start();
        elsewhere.start();
        elsewhere.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withBody(TestTokens.trustedJwks().toString())));
        jwksHost.stubFor(get(urlEqualTo("/jwks.json"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/jwks.json")));
        var loader = JwksLoaders.remote(URI.create(jwksHost.baseUrl() + "/jwks.json"), Duration.ofSeconds(10));
        assertThatThrownBy(loader::get).hasMessageContaining("302");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void remote_oversizedBody_refused() {
        jwksHost.start();
        jwksHost.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withBody("x".repeat(JwksLoaders.MAX_BYTES + 10))));
        var loader = JwksLoaders.remote(URI.create(jwksHost.baseUrl() + "/jwks.json"), Duration.ofSeconds(10));
        assertThatThrownBy(loader::get).hasMessageContaining("larger than");
    }
}
