package org.allcds.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;
import org.allcds.errors.OperationOutcomeBody;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, for errors Tomcat answers itself before any filter or servlet runs (an encoded slash or bad
 * percent-encoding in the path, a header too large, a method the connector refuses), as an OperationOutcome in JSON
 * like every other error, instead of Tomcat's HTML page. It never echoes the request: the URI may hold a patient id.
 */
public class ContainerErrorValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrorValve.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The connector's message for a request whose headers pass its limit, in the locale it uses. */
    private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** The CDS Hooks endpoints' CORS settings, or null (none allowed, or the instance Tomcat makes by class name). */
    private final CorsConfiguration cors;

    public ContainerErrorValve() {
        this(null);
    }

    ContainerErrorValve(CorsConfiguration cors) {
        this.cors = cors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            allowOrigin(request, response);
            SecurityHeadersFilter.apply(response);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            OperationOutcomeBody body = body(status, status == 400 ? unreadable(request, throwable) : null);
            // no filter ran, so no request-log line: this is the refusal's one line, its reason never the request's text
            log.warn("{} (refused by the connector) -> {}: {}", RequestLabels.method(request), status,
                    body.issue().get(0).diagnostics());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already on its way: nothing more can be said
        }
    }

    /** As the CORS filter would have answered: Allow-Origin for an allowed origin on a CDS Hooks path, nothing else. */
    private void allowOrigin(Request request, Response response) {
        String uri = request.getRequestURI();
        String origin = request.getHeader("Origin");
        String allowed = cors == null || origin == null || uri == null ? null : cors.checkOrigin(origin);
        if (allowed != null && (uri.equals("/cds-services") || uri.startsWith("/cds-services/"))) {
            response.setHeader("Access-Control-Allow-Origin", allowed);
            response.addHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", String.join(", ", cors.getExposedHeaders()));
        }
    }

    /**
     * What made Tomcat refuse the request, from the request itself: the raw path (never echoed) and the exception the
     * connector recorded. Tomcat's own messages are localised and quote the URI, so they are compared, not shown.
     */
    static String unreadable(Request request, Throwable cause) {
        if (cause instanceof IllegalArgumentException) {
            return HEADER_TOO_LARGE.equals(cause.getMessage())
                    ? "The request could not be read: its headers are larger than the server accepts."
                    : "The request could not be read: its request line or a header is malformed.";
        }
        String path = request.getRequestURI();
        if (path == null) {
            return null;
        }
        if (ENCODED_SLASH.matcher(path).find()) {
            return "The request could not be read: its path holds a percent-encoded slash, which is not allowed.";
        }
        if (BAD_PERCENT.matcher(path).find()) {
            return "The request could not be read: its path holds a '%' that is not followed by two hexadecimal digits.";
        }
        return "The request could not be read: its path is malformed (it cannot be decoded or normalised).";
    }

    static OperationOutcomeBody body(int status, String diagnostics400) {
        String diagnostics = switch (status) {
            case 400 -> diagnostics400 != null ? diagnostics400
                    : "The request could not be read: its path, its encoding or its headers are malformed.";
            case 405 -> "This HTTP method is not allowed.";
            case 413, 431 -> "The request's headers or body are too large.";
            case 414 -> "The request's URI is too long.";
            default -> status >= 500 ? OperationOutcomeBody.INTERNAL_ERROR
                    : "The request could not be processed (HTTP " + status + ").";
        };
        String code = status == 405 ? "not-supported" : status >= 500 ? "exception" : "invalid";
        return OperationOutcomeBody.of(code, diagnostics, List.of());
    }
}
