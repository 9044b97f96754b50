package org.allcds.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.allcds.feedback.FeedbackStore;
import org.allcds.feedback.IssuedCard;
import org.allcds.feedback.OfferedReasons;
import org.allcds.feedback.RuleList;
import org.allcds.hooks.Coding;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card log's write, as its thread does it under load: one transaction of {@code responses} responses of four cards
 * (8 rules each, 7 override reasons offered by the service), into the demo's store (H2 in memory, the Flyway schema,
 * the newest 2000 cards kept, so every write also deletes as many old ones). Run with
 * {@code bench/jmh.sh CardLogBenchmark -prof gc}; figures in {@code bench/RESULTS.md}.
 */
@State(Scope.Benchmark)
public class CardLogBenchmark extends ServiceJvmBenchmark {

    @Param({"1", "16"})
    public int responses;

    private static final int CARDS = 4;
    private HikariDataSource db;
    private FeedbackStore store;
    private OfferedReasons reasons;
    private RuleList rules;

    @Setup
    public void open() {
        db = new HikariDataSource();
        db.setJdbcUrl("jdbc:h2:mem:card-log-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.setUsername("sa");
        Flyway.configure().dataSource(db).load().migrate();
        store = new FeedbackStore(new JdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)), 2000);
        List<Coding> offered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            offered.add(new Coding("https://all-cds.org/fhir/CodeSystem/override-reason", "reason-" + i,
                    "An override reason of some thirty characters " + i));
        }
        reasons = OfferedReasons.of(offered);
        List<IssuedCard.RuleRef> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(new IssuedCard.RuleRef("R-REL-0" + i, "1.0.0"));
        }
        // One shared list for every card, as the card log's recorder hands them (its id computed once).
        rules = RuleList.of(refs);
    }

    @TearDown
    public void close() {
        db.close();
    }

    /** Microseconds per transaction; divide by {@code responses} for the writer's cost of one response. */
    @Benchmark
    public void recordOneTransaction() {
        Instant now = Instant.now();
        List<IssuedCard> cards = new ArrayList<>(responses * CARDS);
        for (int i = 0; i < responses * CARDS; i++) {
            cards.add(new IssuedCard(UUID.randomUUID().toString(), "ped-all-relapse",
                    "25b2e3eabd9d6ad817d44de5ffcdb2db8767ea5bc74297a542a973c5c4c1495a", now, rules, reasons));
        }
        store.recordIssued(cards);
    }
}
