package org.allcds.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says loudly that the demo profile is for trying the service on one machine, not for patient data. */
@Component
@Profile("demo")
class DemoProfileNotice {

    private static final Logger log = LoggerFactory.getLogger(DemoProfileNotice.class);

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        log.warn("DEMO PROFILE: listening on 127.0.0.1 only, bundled rules, no authentication, CORS open to any origin."
                + " Do not use with patient data.");
    }
}
