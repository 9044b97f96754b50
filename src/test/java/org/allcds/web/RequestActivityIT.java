package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server's filters count every request for the background warm-up, discovery too, not only evaluations. */
class RequestActivityIT extends AbstractHttpIT {

    @Autowired
    RequestActivity activity;

    @Test
    void aDiscoveryRequest_endsTheQuiet() {
        assertThat(get("/cds-services").statusCode()).isEqualTo(200);

        assertThat(activity.quietFor(Duration.ofMinutes(10))).isFalse();
    }
}
