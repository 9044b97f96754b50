package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@code allcds.validation.mode=off} (the default): nonconforming data are evaluated as far as the mapping can. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ValidationOffIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void nonconformingDataAreEvaluatedWithoutAProfileFinding() throws Exception {
        HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.brokenRequest());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ValidationRequests.hasProfileViolation(response.body())).isFalse();
    }
}
