package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.allcds.cards.AllCdsExtension;
import org.allcds.engine.ServiceBuild;
import org.allcds.fixtures.PackagedSettings;
import org.allcds.fixtures.RetainedHeap;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.metrics.AllCdsMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo profile's card log does not grow the heap without end: its store is H2 in memory, bounded by the profile's
 * {@code allcds.feedback.keep-newest}. Cards the size of worked example C's (8 rules, 8 findings, 7 override reasons)
 * are recorded through the card log: the heap retained after three times the limit is within 8 MB of what it was after
 * the limit was first reached, where an unbounded store would hold twice the limit more (about 6 KB per card: 24 MB).
 * Prints the measured figures.
 */
class DemoCardLogMemoryIT {

    static final long LIMIT_BYTES = 8L * 1024 * 1024;

    @Test
    void theDemoStore_keepsTheHeapItRetains_whileCardsGoOnBeingIssued() throws Exception {
        int keepNewest = demoKeepNewest();
        assertThat(keepNewest).as("the demo profile bounds its in-memory store").isPositive();
        try (HikariDataSource db = new HikariDataSource()) {
            db.setJdbcUrl("jdbc:h2:mem:demo-memory-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            db.setUsername("sa");
            Flyway.configure().dataSource(db).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(db);
            FeedbackStore store = new FeedbackStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)),
                    keepNewest);
            try (CardLog cardLog = new CardLog(store, Clock.systemUTC(), new AllCdsMetrics(new SimpleMeterRegistry()),
                    10_000)) {
                issue(cardLog, keepNewest);
                long atTheLimit = RetainedHeap.bytes();
                issue(cardLog, 2 * keepNewest);
                long afterThreeTimes = RetainedHeap.bytes();

                System.out.printf("Demo card log, keep-newest %d: retained heap at the limit %.1f MB,"
                        + " after %d cards %.1f MB; growth %.1f MB%n", keepNewest, RetainedHeap.mb(atTheLimit), 3 * keepNewest,
                        RetainedHeap.mb(afterThreeTimes), RetainedHeap.mb(afterThreeTimes - atTheLimit));
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM issued_card", Long.class)).isEqualTo(keepNewest);
                assertThat(afterThreeTimes - atTheLimit).isLessThan(LIMIT_BYTES);
            }
        }
    }

    private static int demoKeepNewest() {
        String keepNewest = PackagedSettings.get("application-demo.yaml", "allcds.feedback.keep-newest");
        return keepNewest == null ? 0 : Integer.parseInt(keepNewest);
    }

    /** Responses of one card each, as worked example C's, written before this returns. */
    private static void issue(CardLog cardLog, int cards) {
        for (int i = 0; i < cards; i++) {
            cardLog.issued("ped-all-relapse", List.of(exampleSizedCard()));
        }
        cardLog.flush(Duration.ofMinutes(2));
    }

    private static Card exampleSizedCard() {
        List<AllCdsExtension.FindingView> findings = new ArrayList<>();
        List<AllCdsExtension.RuleView> rules = new ArrayList<>();
        List<Coding> reasons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            findings.add(new AllCdsExtension.FindingView("relapse-stratum", "COG_AALL1331", "LOW-" + i, List.of(),
                    List.of()));
            rules.add(new AllCdsExtension.RuleView("R-REL-0" + i, "1.0.0", "COG AALL1331"));
        }
        for (int i = 0; i < 7; i++) {
            reasons.add(new Coding("https://all-cds.org/fhir/CodeSystem/override-reason", "reason-" + i,
                    "An override reason of some thirty characters " + i));
        }
        AllCdsExtension extension = new AllCdsExtension(findings, rules, new AllCdsExtension.RuleSetView("1.0.0",
                "25b2e3eabd9d6ad817d44de5ffcdb2db8767ea5bc74297a542a973c5c4c1495a"), ServiceBuild.current(), List.of(),
                "2019-10-04");
        return new Card(UUID.randomUUID().toString(), "summary", "detail", "info", null, List.of(), null, reasons,
                List.of(), Map.of(AllCdsExtension.KEY, extension));
    }
}
