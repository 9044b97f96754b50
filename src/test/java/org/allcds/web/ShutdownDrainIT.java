package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.allcds.AllCdsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With a drain delay, shutting down turns readiness DOWN first and goes on serving for that long, so a load balancer
 * that follows the probe stops routing here before connections are refused.
 */
class ShutdownDrainIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // refused
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void shuttingDown_readinessIsDownFirst_whileRequestsAreStillServed() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AllCdsApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:shutdown-drain",
                "--allcds.security.enabled=false", "--allcds.rules.watch=false", "--allcds.warm-up.enabled=false",
                "--allcds.shutdown.drain-delay=3s");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int readiness = 200;
        while (readiness == 200 && System.nanoTime() < deadline) {
            readiness = status(port, "/actuator/health/readiness");
        }
        assertThat(readiness).as("readiness DOWN").isEqualTo(503);
        assertThat(status(port, "/cds-services")).as("still serving").isEqualTo(200);
        closing.get();
        assertThat(status(port, "/cds-services")).as("stopped").isEqualTo(-1);
    }
}
