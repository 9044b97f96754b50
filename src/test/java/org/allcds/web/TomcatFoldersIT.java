package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.allcds.AllCdsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the actuator on a port of its own (as the Kubernetes deployment runs it), the application's Tomcat and the
 * actuator's each run in an owned temporary folder of their own, and both folders are gone once the application stops.
 */
class TomcatFoldersIT {

    @Test
    void theApplicationsAndTheActuatorsTomcat_eachRunInAFolderOfTheirOwn_deletedAtStop() {
        Map<String, Path> baseByServer = new ConcurrentHashMap<>();
        ApplicationListener<WebServerInitializedEvent> servers = event -> baseByServer.put(
                String.valueOf(event.getApplicationContext().getServerNamespace()),
                ((TomcatWebServer) event.getWebServer()).getTomcat().getServer().getCatalinaBase().toPath());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AllCdsApplication.class).listeners(servers).run(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--management.server.address=127.0.0.1", "--allcds.security.enabled=false",
                "--allcds.warm-up.enabled=false", "--allcds.rules.watch=false");
        try {
            assertThat(baseByServer).containsOnlyKeys("null", "management");
            assertThat(baseByServer.values()).doesNotHaveDuplicates().allSatisfy(base -> {
                assertThat(base.getFileName().toString()).startsWith(TomcatFolder.PREFIX);
                assertThat(base).isDirectory();
            });
        } finally {
            app.close();
        }
        assertThat(baseByServer.values()).allSatisfy(base -> assertThat(base).doesNotExist());
    }
}
