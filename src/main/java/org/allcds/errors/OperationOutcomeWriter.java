package org.allcds.errors;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/** Writes an OperationOutcome straight to a servlet response, for errors raised before Spring MVC (filters). */
public final class OperationOutcomeWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OperationOutcomeWriter() {
    }

    public static void write(HttpServletResponse response, CdsException error) throws IOException {
        write(response, error.status(), error.toOperationOutcome());
    }

    public static void write(HttpServletResponse response, int status, OperationOutcomeBody body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
