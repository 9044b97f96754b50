package org.allcds.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code allcds.admin.token}: the bearer token the {@code /admin/**} endpoints require. Unset or blank turns the admin
 * endpoints off (404), so a deployment never exposes them by accident.
 */
@ConfigurationProperties("allcds.admin")
record AdminProperties(String token) {

    boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** Keeps the token out of logs and actuator output. */
    @Override
    public String toString() {
        return "AdminProperties[token=" + (enabled() ? "(set)" : "(unset)") + "]";
    }
}
