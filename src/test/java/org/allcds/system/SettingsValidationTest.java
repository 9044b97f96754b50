package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.allcds.pipeline.DatesProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

/**
 * Every {@code allcds.*} settings record is bound and checked as the service starts: an impossible value stops the
 * start, and the failure names the key, so an operator knows what to fix.
 */
class SettingsValidationTest {

    /** All settings records of the service, as {@code @ConfigurationPropertiesScan} on the application finds them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.allcds")
    static class AllSettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(AllSettings.class)
            .withPropertyValues("allcds.security.enabled=false");

    @Test
    void theDefaults_start() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "allcds.limits.max-body-bytes        | 0",
            "allcds.limits.max-json-depth        | -1",
            "allcds.feedback.record-queue        | 0",
            "allcds.feedback.retention           | -1d",
            "allcds.feedback.purge-interval      | 0s",
            "allcds.feedback.retry-after         | -30s",
            "allcds.feedback.top-reasons         | -1",
            "allcds.feedback.keep-newest         | -1",
            "allcds.feedback.database-timeout    | 0s",
            "allcds.security.replay.purge-interval | -5m",
            "allcds.security.replay.database-timeout | 0s",
            "allcds.security.replay.retry-interval | -1s",
            "allcds.shutdown.drain-delay         | -1s",
            "allcds.cards.source-label           | ' '",
            "allcds.validation.mode              | loose",
            "allcds.fhir.timeout                 | -5s",
            "allcds.fhir.fetch-deadline          | 0s",
            "allcds.fhir.max-parallel-fetches    | 0",
            "allcds.fhir.max-pages               | 0",
            "allcds.warm-up.background-calls     | -1",
            "allcds.evaluation.max-concurrent    | 0",
            "allcds.evaluation.max-wait          | 0s",
            "allcds.evaluation.retry-after       | 0s"})
    void anImpossibleValue_stopsTheStart_namingTheKey(String key, String value) {
        runner.withPropertyValues(key + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(namedKeys(context.getStartupFailure())).anyMatch(named -> named.contains(key));
        });
    }

    /** E9: an id that is no time zone (a city without one, a misspelling) is not read as "no zone". */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Lyon", "America/NewYork", "EST5", "+25:00"})
    void anUnknownTimeZone_stopsTheStart_namingTheKeyAndTheValue(String zone) {
        runner.withPropertyValues("allcds.dates.time-zone=" + zone).run(context -> {
            assertThat(context).hasFailed();
            assertThat(namedKeys(context.getStartupFailure())).anyMatch(named -> named.contains("allcds.dates.time-zone"))
                    .anyMatch(named -> named.contains(zone));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"America/New_York | America/New_York", "UTC | UTC", "'' | as written"})
    void aTimeZone_orNone_starts(String zone, String read) {
        runner.withPropertyValues("allcds.dates.time-zone=" + zone).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DatesProperties.class).calendarZone()).hasToString(read);
        });
    }

    /** The keys the failure names: a validation error's property, or an exception message down the cause chain. */
    private static List<String> namedKeys(Throwable failure) {
        List<String> named = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            named.add(String.valueOf(t.getMessage()));
            if (t instanceof BindValidationException invalid) {
                invalid.getValidationErrors().getAllErrors().stream()
                        .filter(FieldError.class::isInstance).map(FieldError.class::cast)
                        .forEach(error -> named.add(invalid.getValidationErrors().getName() + "." + error.getField()));
            }
        }
        return named;
    }
}
