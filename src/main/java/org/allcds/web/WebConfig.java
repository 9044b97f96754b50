package org.allcds.web;

import java.util.List;
import org.allcds.engine.RuleSetHolder;
import org.allcds.metrics.AllCdsMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * HTTP wiring: request activity (for the background warm-up), call metrics, then CORS (so errors and preflights carry
 * it), then the body limit, then Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebProperties.Limits.class, WebProperties.Cors.class, WebProperties.WarmUpSettings.class})
class WebConfig {

    static final int ACTIVITY_ORDER = Ordered.HIGHEST_PRECEDENCE + 1; // inside the request log, around everything else
    static final int SECURITY_HEADERS_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
    static final int METRICS_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    static final int CORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 10; // inside the request log filter only
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(WebProperties.Cors cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CorsConfiguration config = corsConfiguration(cors);
        if (config != null) {
            source.registerCorsConfiguration("/cds-services", config);
            source.registerCorsConfiguration("/cds-services/**", config);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new OperationOutcomeCorsProcessor());
        FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(filter);
        bean.setOrder(CORS_ORDER);
        return bean;
    }

    /** The CDS Hooks endpoints' CORS settings; null when no origin is allowed. */
    static CorsConfiguration corsConfiguration(WebProperties.Cors cors) {
        if (cors.allowedOrigins().isEmpty()) {
            return null;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        config.setExposedHeaders(List.of("X-Correlation-Id"));
        // Never credentials: the sandbox does not need them, and with a wildcard they would be unsafe.
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        return config;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        bean.setOrder(SECURITY_HEADERS_ORDER);
        return bean;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(WebProperties.Limits limits) {
        FilterRegistrationBean<BodyLimitFilter> bean = new FilterRegistrationBean<>(new BodyLimitFilter(limits.maxBodyBytes()));
        bean.setOrder(BODY_LIMIT_ORDER);
        return bean;
    }

    /**
     * Tomcat's own error pages (before any filter runs) become OperationOutcomes too, with the CORS filter's
     * Allow-Origin: a browser client would otherwise be shown every error but these.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorsAsOperationOutcome(WebProperties.Cors cors) {
        CorsConfiguration config = corsConfiguration(cors);
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerErrorValve.class.getName());
                host.getPipeline().addValve(new ContainerErrorValve(config));
            }
        });
    }

    @Bean
    WarmUpMark warmUpMark() {
        return new WarmUpMark();
    }

    @Bean
    RequestActivity requestActivity() {
        return new RequestActivity();
    }

    @Bean
    FilterRegistrationBean<RequestActivity> requestActivityFilter(RequestActivity activity) {
        FilterRegistrationBean<RequestActivity> bean = new FilterRegistrationBean<>(activity);
        bean.setOrder(ACTIVITY_ORDER);
        return bean;
    }

    @Bean
    FilterRegistrationBean<ServiceCallMetricsFilter> serviceCallMetricsFilter(AllCdsMetrics metrics, RuleSetHolder ruleSets,
                                                                                WarmUpMark warmUpMark) {
        FilterRegistrationBean<ServiceCallMetricsFilter> bean =
                new FilterRegistrationBean<>(new ServiceCallMetricsFilter(metrics, ruleSets, warmUpMark));
        bean.setOrder(METRICS_ORDER);
        return bean;
    }

    @Bean
    JsonBodies jsonBodies(WebProperties.Limits limits) {
        return new JsonBodies(limits.maxJsonDepth());
    }
}
