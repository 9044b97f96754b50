package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.allcds.AllCdsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** Issue 6 §3: with security on (the default) and no trusted issuer the service must not start. */
class SecureByDefaultIT {

    @Test
    void start_withSecurityOnAndNoIssuer_fails_namingTheProperty() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(AllCdsApplication.class)
                .properties("server.port=0", "spring.main.banner-mode=off");
        assertThatThrownBy(app::run)
                .satisfies(e -> org.assertj.core.api.Assertions
                        .assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("allcds.security.issuers")
                        .contains("allcds.security.enabled"));
    }
}
