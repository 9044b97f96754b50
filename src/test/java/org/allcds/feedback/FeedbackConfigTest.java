package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedbackConfigTest {

    /**
     * Two equal timeouts raced: a silent database was reported by the driver's error instead of the call's "no answer
     * within …" whenever the driver's fired first. The call's own must come first, with room for a busy machine.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PT0.5S", "PT2S", "PT30S"})
    void theConnectionsNetworkTimeout_fallsWellAfterTheCallsOwn(String timeout) {
        Duration call = Duration.parse(timeout);

        Duration network = FeedbackConfig.networkTimeout(call);

        assertThat(network).isGreaterThanOrEqualTo(call.plus(call.dividedBy(2)));
        assertThat(network).isLessThanOrEqualTo(call.multipliedBy(2));
    }
}
