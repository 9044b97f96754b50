package org.allcds;

import org.allcds.authoring.AuthoringCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AllCdsApplication {
    public static void main(String[] args) {
        // lint, test and eval are for rule authors: they run without Spring or a web server, and exit.
        if (AuthoringCli.isCommand(args)) {
            System.exit(AuthoringCli.runFromMain(args));
        }
        SpringApplication.run(AllCdsApplication.class, args);
    }
}
