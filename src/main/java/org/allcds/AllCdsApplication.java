package org.allcds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AllCdsApplication {
    public static void main(String[] args) {
        SpringApplication.run(AllCdsApplication.class, args);
    }
}
