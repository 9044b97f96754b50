package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.allcds.feedback.FeedbackStore;
import org.allcds.fixtures.FreePorts;
import org.allcds.fixtures.TempFolders;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away while the service runs (a real H2 server, stopped and started again on its port): service
 * calls still answer with cards, feedback is a 503 OperationOutcome with Retry-After and nothing written, health
 * names the store as down, and the log says so once, without a stack trace; once the database is back, feedback is
 * stored again, and the log says so once.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedbackStoreDownIT extends AbstractHttpIT {

    private static final int DB_PORT = FreePorts.next();
    /** A database in files, so that it is the same database when its server comes back. */
    private static final Path DB_DIR = tempDir();
    private static Server database = startDatabase();

    @Autowired
    FeedbackStore store;

    private static Path tempDir() {
        return TempFolders.create("store-down");
    }

    private static Server startDatabase() {
        try {
            return Server.createTcpServer("-tcpPort", Integer.toString(DB_PORT), "-ifNotExists", "-baseDir", DB_DIR.toString()).start();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pool gives up on a connection after 250 ms instead of the 2 s it is given in production: each call and health
     * check during the outage waited that long for a database that is not there (seven of them, 14 s idle).
     */
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://localhost:" + DB_PORT + "/./store-down");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "250");
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    @Test
    void databaseDown_callsAnswer_feedbackIs503WithRetryAfter_healthShowsTheStoreDown_thenRecovers(CapturedOutput output)
            throws InterruptedException {
        assertThat(overriddenFeedback(UUID.randomUUID().toString()).statusCode()).isEqualTo(200);
        database.stop();
        String lost = UUID.randomUUID().toString();

        HttpResponse<String> call = callService(RISK, request("ped-all-risk/example-a"));
        HttpResponse<String> refused = overriddenFeedback(lost);
        HttpResponse<String> health = get("/actuator/health");

        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(json(call).path("cards").size()).isPositive();
        assertOperationOutcome(refused, 503, "feedback store is unavailable", "nothing was stored");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode components = json(health).path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("DOWN");
        for (int i = 0; i < 5; i++) {
            assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        }
        String outage = output.getOut() + output.getErr();
        assertThat(outage.lines().filter(line -> line.contains("The database (feedback store")))
                .as("the outage logged once").hasSize(1);
        assertThat(outage).as("no stack trace").doesNotContain("\tat org.").doesNotContain("Health check failed");

        database = startDatabase();
        String after = UUID.randomUUID().toString();
        assertThat(overriddenFeedbackUntilStored(after).statusCode()).isEqualTo(200);
        assertThat(store.feedbackOn(after)).hasSize(1);
        assertThat(store.feedbackOn(lost)).isEmpty();
        assertThat(json(get("/actuator/health")).path("status").asString()).isEqualTo("UP");
        assertThat(json(get("/actuator/health")).path("status").asString()).isEqualTo("UP");
        assertThat((output.getOut() + output.getErr()).lines().filter(line -> line.contains("The database is reachable again")))
                .as("the return logged once").hasSize(1);
    }
}
