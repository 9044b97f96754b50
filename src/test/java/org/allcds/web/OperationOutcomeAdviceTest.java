package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.allcds.errors.OperationOutcomeBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** An unexpected exception is a 500 whose log has the exception's classes and frames, and not its messages. */
class OperationOutcomeAdviceTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(OperationOutcomeAdvice.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void unexpected_is500_andItsLogQuotesNoData() {
        NumberFormatException cause = new NumberFormatException("For input string: \"Jane-Doe-1984\"");
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cds-services/ped-all-risk");

        ResponseEntity<?> response = new OperationOutcomeAdvice().unexpected(
                new IllegalStateException("patient Jane Doe", cause), request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(((OperationOutcomeBody) response.getBody()).issue()).extracting(OperationOutcomeBody.Issue::diagnostics)
                .containsExactly("Internal error; it has been logged.");
        ILoggingEvent event = logged.list.stream().filter(e -> e.getFormattedMessage().contains("-> 500")).findFirst()
                .orElseThrow();
        StringBuilder chain = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            chain.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        assertThat(chain.toString()).contains("java.lang.IllegalStateException", "java.lang.NumberFormatException")
                .doesNotContain("Jane");
        assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }
}
