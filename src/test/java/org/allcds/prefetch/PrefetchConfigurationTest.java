package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.allcds.system.FhirConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The prefetch beans wire from {@code allcds.fhir.*} alone, so the pipeline can inject {@link PrefetchResolver}. */
class PrefetchConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(
            FhirConfig.class, Properties.class, FhirServerAllowlist.class, FhirFetcher.class, PrefetchResolver.class);

    @EnableConfigurationProperties(FhirClientProperties.class)
    static class Properties {
    }

    @Test
    void properties_whenNothingConfigured_useSafeDefaults() {
        context.run(beans -> {
            assertThat(beans).hasSingleBean(PrefetchResolver.class);
            assertThat(beans.getBean(FhirClientProperties.class)).isEqualTo(new FhirClientProperties(
                    List.of(), Duration.ofSeconds(5), 100, true, 4, Duration.ofSeconds(10)));
            assertThat(beans.getBean(FhirServerAllowlist.class).isAllowed("https://ehr.example.org/fhir")).isFalse();
        });
    }

    @Test
    void properties_whenConfigured_bindKebabCaseKeys() {
        context.withPropertyValues("allcds.fhir.allowed-servers=https://ehr.example.org/fhir,https://b.example.org",
                "allcds.fhir.timeout=300ms", "allcds.fhir.max-pages=3", "allcds.fhir.require-https=false",
                "allcds.fhir.max-parallel-fetches=2", "allcds.fhir.fetch-deadline=2s").run(beans -> {
            assertThat(beans.getBean(FhirClientProperties.class)).isEqualTo(new FhirClientProperties(
                    List.of("https://ehr.example.org/fhir", "https://b.example.org"), Duration.ofMillis(300), 3, false, 2,
                    Duration.ofSeconds(2)));
            assertThat(beans.getBean(FhirServerAllowlist.class).isAllowed("https://ehr.example.org/fhir/Patient/1")).isTrue();
        });
    }

    @Test
    void properties_whenFetchBudgetsImpossible_failAtStartupNamingTheKey() {
        context.withPropertyValues("allcds.fhir.max-fetched-bytes=0").run(beans -> assertThat(beans).hasFailed()
                .getFailure().rootCause().hasMessageContaining("allcds.fhir.max-fetched-bytes must be at least 1"));
        context.withPropertyValues("allcds.fhir.max-fetched-bytes=10MB", "allcds.fhir.max-fetched-bytes-in-flight=8MB")
                .run(beans -> assertThat(beans).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("allcds.fhir.max-fetched-bytes-in-flight must be at least"));
        context.withPropertyValues("allcds.fhir.max-fetched-bytes=1MB", "allcds.fhir.max-fetched-bytes-in-flight=2MB")
                .run(beans -> assertThat(beans.getBean(FhirClientProperties.class).maxFetchedBytesInFlight())
                        .isEqualTo(DataSize.ofMegabytes(2)));
    }

    @Test
    void properties_whenAllowlistEntryInvalid_failsAtStartup() {
        context.withPropertyValues("allcds.fhir.allowed-servers=ehr.example.org/fhir")
                .run(beans -> assertThat(beans).hasFailed());
    }
}
