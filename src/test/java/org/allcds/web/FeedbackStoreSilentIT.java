package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.allcds.feedback.CardLog;
import org.allcds.feedback.FeedbackStore;
import org.allcds.fixtures.TcpProxy;
import org.allcds.system.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stops answering while the service runs (a proxy between the service's pool and the server holds every
 * byte, as a stopped process or a dropped network does; the pool configured as in production): feedback, the admin
 * summary and health each answer within {@code allcds.feedback.database-timeout}, on a few threads, however many calls
 * come; feedback answered 503 is not stored; once the database answers again, feedback and the card log work again.
 * A timeout that falls on the commit itself says the feedback may be stored, and the client's retry stores it once.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedbackStoreSilentIT extends AbstractHttpIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The timeout, and room for a busy test machine; without a bound a call waited for ever. */
    private static final Duration BOUND = TIMEOUT.plusMillis(1500);
    private static final String DATABASE = SharedPostgres.newDatabase();
    private static final TcpProxy PROXY = new TcpProxy(SharedPostgres.port(DATABASE));

    @Autowired
    FeedbackStore store;
    @Autowired
    CardLog cardLog;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedPostgres.throughPort(DATABASE, PROXY.port()));
        registry.add("spring.datasource.username", () -> SharedPostgres.USER);
        registry.add("spring.datasource.password", () -> SharedPostgres.USER);
        registry.add("allcds.feedback.database-timeout", TIMEOUT::toString);
    }

    @AfterEach
    void databaseAnswers() {
        PROXY.forward();
    }

    @AfterAll
    static void stopProxy() {
        PROXY.close();
    }

    private static <T> T within(Supplier<T> call) {
        return assertTimeoutPreemptively(BOUND, call::get, "a call waited for the database");
    }

    @Test
    void databaseSilent_feedbackSummaryAndHealthAnswerWithinTheTimeout_nothingHalfStored_thenAllWorksAgain(
            CapturedOutput output) throws Exception {
        // A context's first service call is slow (no warm-up in the tests): not the one timed below.
        assertThat(callService(RISK, request("ped-all-risk/example-a")).statusCode()).isEqualTo(200);
        int logged = output.getOut().length();
        long storeThreads = threadsNamed("feedback-store"); // other contexts' too, in this JVM
        String before = UUID.randomUUID().toString();
        assertThat(overriddenFeedback(before).statusCode()).isEqualTo(200);

        PROXY.freeze();
        String during = UUID.randomUUID().toString();
        HttpResponse<String> refused = within(() -> overriddenFeedback(during));
        assertOperationOutcome(refused, 503, "feedback store is unavailable", "no answer within 500 ms", "nothing was stored");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");

        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> overriddenFeedback(UUID.randomUUID().toString())));
        }
        within(() -> burst.stream().map(CompletableFuture::join).toList())
                .forEach(answer -> assertThat(answer.statusCode()).isEqualTo(503));
        assertThat(threadsNamed("feedback-store") - storeThreads).as("threads waiting on the database")
                .isLessThanOrEqualTo(4);

        assertOperationOutcome(within(() -> get("/admin/feedback/summary", "Authorization", "Bearer " + ADMIN_TOKEN)),
                503, "feedback store is unavailable");
        long healthThreads = threadsNamed("store-health");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> health = within(() -> get("/actuator/health"));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).path("components").path("db").path("status").asString()).isEqualTo("DOWN");
        }
        assertThat(threadsNamed("store-health") - healthThreads).isLessThanOrEqualTo(1);
        assertThat(within(() -> get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(within(() -> get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        HttpResponse<String> call = within(() -> callService(RISK, request("ped-all-risk/example-a")));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);

        PROXY.forward();
        String after = UUID.randomUUID().toString();
        assertThat(overriddenFeedbackUntilStored(after).statusCode()).isEqualTo(200);
        assertThat(store.feedbackOn(before)).hasSize(1);
        assertThat(store.feedbackOn(after)).hasSize(1);
        assertThat(store.feedbackOn(during)).as("answered 503: not stored").isEmpty();
        String card = json(callService(RISK, request("ped-all-risk/example-a"))).at("/cards/0/uuid").asString();
        cardLog.flush(Duration.ofSeconds(10));
        assertThat(store.offeredReasons(card, RISK)).as("the card log records again").isPresent();
        assertThat(json(get("/actuator/health")).path("status").asString()).isEqualTo("UP");
        String log = output.getOut().substring(logged) + output.getErr();
        assertThat(log.lines().filter(line -> line.contains("The database (feedback store"))).as("the outage logged once")
                .hasSize(1);
        assertThat(log).as("no stack trace").doesNotContain("\tat org.");
    }

    /**
     * The commit is on its way when the timeout falls (a commit made slow on purpose, as by a database that goes silent
     * after receiving it): the client is told the feedback may be stored, it is, and sending it again stores nothing
     * twice.
     */
    @Test
    void timeoutDuringTheCommit_theAnswerSaysItMayBeStored_andTheRetryStoresItOnce() throws Exception {
        String card = "slow-commit-" + UUID.randomUUID();
        try (Connection direct = DriverManager.getConnection(DATABASE, SharedPostgres.USER, SharedPostgres.USER);
             Statement sql = direct.createStatement()) {
            sql.execute("""
                    CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.card_uuid LIKE 'slow-commit-%' THEN PERFORM pg_sleep(1.5); END IF; RETURN NULL; END $$""");
            sql.execute("DROP TRIGGER IF EXISTS slow_commit ON feedback");
            sql.execute("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON feedback DEFERRABLE INITIALLY DEFERRED"
                    + " FOR EACH ROW EXECUTE FUNCTION slow_commit()");
        }

        HttpResponse<String> unconfirmed = within(() -> overriddenFeedback(card));

        assertOperationOutcome(unconfirmed, 503, "did not confirm the write", "may be stored", "Send it again");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stored(card) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(stored(card)).as("the write landed after the answer").isEqualTo(1);
        assertThat(overriddenFeedbackUntilStored(card).statusCode()).isEqualTo(200);
        assertThat(stored(card)).as("the retry stored nothing twice").isEqualTo(1);
    }

    private static long stored(String card) throws SQLException {
        try (Connection direct = DriverManager.getConnection(DATABASE, SharedPostgres.USER, SharedPostgres.USER);
             var count = direct.prepareStatement("SELECT COUNT(*) FROM feedback WHERE card_uuid = ?")) {
            count.setString(1, card);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }
}
