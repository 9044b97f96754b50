package org.allcds.system;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * Settings mistakes that binding lets through, checked once the beans exist and before the server accepts requests:
 * {@code management.server.port} equal to {@code server.port} stops the start (the actuator would answer on the public
 * port, while whoever set it meant a port of its own; left unset in a production set-up it is said in a WARN line), and
 * an {@code ALLCDS_*} environment variable that binds to no setting (a misspelling: {@code ALLCDS_FEEDBACK_RETENTON})
 * is named in a WARN line, since Spring ignores it silently.
 */
@Component
class SettingsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SettingsCheck.class);
    /** Read by bin/all-cds, not by the application. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("ALLCDS_JAR");

    private final ConfigurableApplicationContext context;

    SettingsCheck(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ConfigurableEnvironment environment = context.getEnvironment();
        List<String> unknown = unknownVariables(environment, settingsKeys());
        if (!unknown.isEmpty()) {
            log.warn("Environment variable(s) {} bind to no setting of the application and are ignored: check the "
                    + "spelling (ALLCDS_SECURITY_PUBLICBASEURL for allcds.security.public-base-url; list items as "
                    + "ALLCDS_SECURITY_ISSUERS_0_ISS)", unknown);
        }
        refuseActuatorOnThePublicPort(environment);
        actuatorOnThePublicPort(environment).ifPresent(log::warn);
    }

    /**
     * With authentication on (a production set-up) and {@code management.server.port} unset, the actuator (health with
     * its components, Prometheus metrics) answers on the public port, to anyone who can reach it: said at start. The
     * demo profile, on one machine, is spared; so is a start without authentication, which warns louder already.
     */
    static Optional<String> actuatorOnThePublicPort(Environment environment) {
        boolean secured = environment.getProperty("allcds.security.enabled", Boolean.class, true);
        boolean demo = environment.matchesProfiles("demo");
        if (!secured || demo || environment.getProperty("management.server.port") != null) {
            return Optional.empty();
        }
        return Optional.of("The actuator (health, Prometheus metrics) answers on the public port, without "
                + "authentication: set management.server.port (e.g. 8081) to serve it on a port of its own, not exposed "
                + "to the EHR, as docker/k8s/deployment.yaml does");
    }

    static void refuseActuatorOnThePublicPort(ConfigurableEnvironment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        int server = environment.getProperty("server.port", Integer.class, 8080);
        if (management != null && management > 0 && management == server) {
            throw new IllegalStateException("management.server.port (" + management + ") is the same as server.port ("
                    + server + "): the actuator (health, Prometheus) would answer on the public port. Give "
                    + "management.server.port a port of its own (e.g. 8081), or leave it unset");
        }
    }

    /** The keys of the application's settings records, from the records bound in this context. */
    private Set<String> settingsKeys() {
        Set<String> keys = new HashSet<>();
        ConfigurationPropertiesBean.getAll(context).values().forEach(bean -> ConfigurationKeys.addRecordKeys(
                ConfigurationKeys.canonical(bean.getAnnotation().prefix()), bean.getInstance().getClass(), keys));
        return keys;
    }

    /**
     * The {@code ALLCDS_*} variables that are neither a key of a settings record nor a key some other source (the
     * application's YAML, a profile's, the command line) sets, such as {@code allcds.store.dir}, which only a
     * placeholder reads.
     */
    static List<String> unknownVariables(ConfigurableEnvironment environment, Set<String> settingsKeys) {
        Set<String> known = new HashSet<>(settingsKeys);
        PropertySource<?> variables = null;
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                variables = source;
            } else if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String key : enumerable.getPropertyNames()) {
                    known.add(ConfigurationKeys.canonical(key));
                }
            }
        }
        Set<String> unknown = new TreeSet<>();
        if (variables instanceof EnumerablePropertySource<?> enumerable) {
            for (String name : enumerable.getPropertyNames()) {
                if (name.startsWith("ALLCDS_") && !LAUNCHER_VARIABLES.contains(name)
                        && !known.contains(ConfigurationKeys.keyOfVariable(name))) {
                    unknown.add(name);
                }
            }
        }
        return List.copyOf(unknown);
    }
}
