package org.allcds.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The drain delay at shutdown ({@code allcds.shutdown.drain-delay}). Spring Boot turns readiness to REFUSING_TRAFFIC
 * and then stops the lifecycle beans, the web server's graceful shutdown among them, which refuses new connections at
 * once. This bean stops first (the highest phase) and waits for the delay, so that in between the readiness probe
 * answers DOWN while requests are still served: a load balancer that follows the probe stops routing here before
 * connections are refused.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration delay;
    private volatile boolean running;

    ShutdownDrain(WebProperties.ShutdownSettings settings) {
        this.delay = settings.drainDelay();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (delay.isZero()) {
            return;
        }
        log.info("Shutting down: readiness is DOWN; serving on for {} ms before refusing connections", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before every other lifecycle bean, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
