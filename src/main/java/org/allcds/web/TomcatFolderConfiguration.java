package org.allcds.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Each Tomcat of the application in a {@link TomcatFolder} of its own, deleted when its context closes. The application's
 * server gets it from component scanning, as any configuration; the actuator's own server ({@code management.server.port},
 * as the Kubernetes deployment runs it) is a second Tomcat in a child context, which sees none of the application's
 * customizers, so this class is also listed in {@code META-INF/spring/…ManagementContextConfiguration.imports}. The
 * bean names are the same in both contexts, so the child's folder hides the application's in the child.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class TomcatFolderConfiguration {

    @Bean(destroyMethod = "close")
    TomcatFolder tomcatFolder(Environment environment) {
        return TomcatFolder.forConfiguredBasedir(environment.getProperty("server.tomcat.basedir"));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatInItsOwnFolder(TomcatFolder tomcatFolder) {
        return tomcatFolder::applyTo;
    }
}
