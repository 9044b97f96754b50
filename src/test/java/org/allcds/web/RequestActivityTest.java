package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the background warm-up asks before each call: no request in progress, none ended within the quiet time. */
class RequestActivityTest {

    private static final Duration QUIET = Duration.ofMillis(100);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestActivity activity = new RequestActivity(now::get);

    @Test
    void quietBeforeAnyRequest() {
        assertThat(activity.quietFor(QUIET)).isTrue();
    }

    @Test
    void notQuietWhileARequestIsInProgress_norUntilTheQuietTimeHasPassedAfterIt() throws Exception {
        AtomicBoolean quietInside = new AtomicBoolean(true);
        activity.doFilter(new MockHttpServletRequest("GET", "/cds-services"), new MockHttpServletResponse(),
                (request, response) -> {
                    now.addAndGet(QUIET.toNanos() * 10);
                    quietInside.set(activity.quietFor(QUIET));
                });
        assertThat(quietInside).isFalse();

        now.addAndGet(QUIET.toNanos() - 1);
        assertThat(activity.quietFor(QUIET)).isFalse();
        now.addAndGet(1);
        assertThat(activity.quietFor(QUIET)).isTrue();
    }

    @Test
    void aRequestThatFails_stillEnds() {
        try {
            activity.doFilter(new MockHttpServletRequest("POST", "/cds-services/x"), new MockHttpServletResponse(),
                    (request, response) -> {
                        throw new ServletException("broken");
                    });
        } catch (IOException | ServletException expected) {
            // the failure is the container's to answer; the request has ended all the same
        }
        now.addAndGet(QUIET.toNanos());
        assertThat(activity.quietFor(QUIET)).isTrue();
    }
}
