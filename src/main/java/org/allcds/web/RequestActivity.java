package org.allcds.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Knows whether the server is idle: counts the requests in progress and notes when the last one ended. Every request
 * counts (discovery, feedback, probes), not only evaluations, so work that should use idle time only (the background
 * warm-up) also keeps out of a load of cheap requests.
 */
final class RequestActivity implements Filter {

    private final AtomicInteger inProgress = new AtomicInteger();
    private final LongSupplier nanoClock;
    /**
     * When the last request ended ({@code nanoClock}); before the first, a time long past. A primitive: a boxed value
     * would allocate on every request.
     */
    private volatile long lastEnded;

    RequestActivity() {
        this(System::nanoTime);
    }

    RequestActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastEnded = nanoClock.getAsLong() - Long.MAX_VALUE / 2;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        inProgress.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            lastEnded = nanoClock.getAsLong();
            inProgress.decrementAndGet();
        }
    }

    /** True when no request is in progress and none ended within {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return inProgress.get() == 0 && nanoClock.getAsLong() - lastEnded >= quiet.toNanos();
    }
}
