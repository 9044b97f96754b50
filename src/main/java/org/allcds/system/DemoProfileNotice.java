package org.allcds.system;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says loudly that the demo profile is for trying the service on one machine, not for patient data, with the settings
 * it actually runs with: an operator who overrode the address, the rules, authentication or CORS must not be told
 * the demo's defaults.
 */
@Component
@Profile("demo")
class DemoProfileNotice {

    private static final Logger log = LoggerFactory.getLogger(DemoProfileNotice.class);

    private final Environment env;
    private final RuleFolder folder;

    DemoProfileNotice(Environment env, RuleFolder folder) {
        this.env = env;
        this.folder = folder;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        log.warn(notice(env, folder.bundled()));
    }

    /** {@code bundledRules}: the rules folder was not found, and the rule set bundled in the jar is served. */
    static String notice(Environment env, boolean bundledRules) {
        String address = env.getProperty("server.address", "every interface");
        String dir = env.getProperty("allcds.rules.dir", "rules");
        String rules = bundledRules ? "the rule set bundled in the jar ('" + dir + "' not found)" : "'" + dir + "'";
        boolean authentication = env.getProperty("allcds.security.enabled", Boolean.class, true);
        // bound as the CORS filter binds it: a YAML list (the demo's ["*"]) is allowed-origins[0], not one property
        String origins = String.join(", ", Binder.get(env).bind("allcds.cors.allowed-origins", Bindable.listOf(String.class))
                .orElse(List.of()));
        return "DEMO PROFILE: listening on " + address + ", rules from " + rules + ", authentication "
                + (authentication ? "on" : "off") + ", CORS " + (origins.isEmpty() ? "off" : "open to " + origins)
                + ". Do not use with patient data.";
    }
}
