package org.allcds.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires JWT verification into Spring MVC when {@code allcds.security.enabled} is true (the default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "allcds.security.enabled", matchIfMissing = true)
    static class Enabled implements WebMvcConfigurer {

        private final JwtVerifier verifier;

        Enabled(SecurityProperties properties, ObjectProvider<Clock> clock) {
            this.verifier = createVerifier(properties, clock.getIfAvailable(Clock::systemUTC));
        }

        @Bean
        JwtVerifier jwtVerifier() {
            return verifier;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new CdsJwtInterceptor(verifier))
                    .addPathPatterns("/cds-services/*", "/cds-services/*/feedback");
        }
    }

    /** Static files are read now, so a missing or broken one stops start-up; remote sets load on first use. */
    static JwtVerifier createVerifier(SecurityProperties properties, Clock clock) {
        Map<String, IssuerKeys> keys = new LinkedHashMap<>();
        for (SecurityProperties.Issuer issuer : properties.issuers()) {
            boolean remote = issuer.jwksUrl() != null;
            IssuerKeys issuerKeys = new IssuerKeys(issuer.iss(), remote
                    ? JwksLoaders.remote(issuer.jwksUrl(), properties.jwksTimeout())
                    : JwksLoaders.file(issuer.jwksFile()), clock);
            if (!remote) {
                issuerKeys.load();
            }
            keys.put(issuer.iss(), issuerKeys);
        }
        return new JwtVerifier(properties, keys, clock);
    }
}
