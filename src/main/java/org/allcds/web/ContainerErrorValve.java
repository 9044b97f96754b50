package org.allcds.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.allcds.errors.OperationOutcomeBody;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, for errors Tomcat answers itself before any filter or servlet runs (an encoded slash or bad
 * percent-encoding in the path, a header too large, a method the connector refuses), as an OperationOutcome in JSON
 * like every other error, instead of Tomcat's HTML page. It never echoes the request: the URI may hold a patient id.
 */
public class ContainerErrorValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already on its way: nothing more can be said
        }
    }

    static OperationOutcomeBody body(int status) {
        String diagnostics = switch (status) {
            case 400 -> "The request could not be read: its path, its encoding or its headers are malformed.";
            case 405 -> "This HTTP method is not allowed.";
            case 413, 431 -> "The request's headers or body are too large.";
            case 414 -> "The request's URI is too long.";
            default -> status >= 500 ? "Internal error; it has been logged."
                    : "The request could not be processed (HTTP " + status + ").";
        };
        String code = status == 405 ? "not-supported" : status >= 500 ? "exception" : "invalid";
        return OperationOutcomeBody.of(code, diagnostics, List.of());
    }
}
