package org.allcds.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.allcds.engine.RuleSetHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ALL-CDS meters on Spring Boot's registry (Prometheus at /actuator/prometheus). */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    @Bean
    AllCdsMetrics allCdsMetrics(MeterRegistry registry, RuleSetHolder ruleSets) {
        AllCdsMetrics metrics = new AllCdsMetrics(registry);
        ruleSets.onSwap(set -> metrics.serving(set.version(), set.hash()));
        return metrics;
    }
}
