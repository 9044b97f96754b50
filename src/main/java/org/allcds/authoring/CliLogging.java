package org.allcds.authoring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without Spring Boot's logging set-up, Logback logs everything at DEBUG to stdout, which would bury the command's
 * output. The commands log warnings and errors only, to stderr.
 */
final class CliLogging {

    /** The logger of Drools' KieProject, which logs the messages of a failed build. */
    static final String DROOLS_BUILD_LOG = "org.drools.compiler.kie.builder.impl.KieProject";

    private CliLogging() {
    }

    static void quiet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Drools warns about its own build internals (e.g. the in-memory pom); authors get those as lint warnings.
        context.getLogger("org.drools").setLevel(Level.ERROR);
        context.getLogger("org.kie").setLevel(Level.ERROR);
        // A rule set that does not compile makes Drools log every build message at ERROR, hundreds of lines for one
        // syntax error; the command reports the same messages itself, at the author's file, line and column.
        context.getLogger(DROOLS_BUILD_LOG).setLevel(Level.OFF);
    }
}
