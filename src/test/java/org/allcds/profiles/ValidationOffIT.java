package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.allcds.web.AbstractHttpIT;
import org.junit.jupiter.api.Test;

/**
 * {@code allcds.validation.mode=off} (the default): nonconforming data are evaluated as far as the mapping can. On the
 * full-server tests' shared context, which leaves the mode at its default.
 */
class ValidationOffIT extends AbstractHttpIT {

    @Test
    void nonconformingDataAreEvaluatedWithoutAProfileFinding() throws Exception {
        HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.brokenRequest());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ValidationRequests.hasProfileViolation(response.body())).isFalse();
    }
}
