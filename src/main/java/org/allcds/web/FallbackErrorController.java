package org.allcds.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.allcds.errors.OperationOutcomeBody;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the container, filters) still answer with an OperationOutcome, never a stack. The
 * path is the container's error page only: a client asking for it is asking for a path nothing serves (404), not
 * causing an internal error a 500 would report and the 5xx metrics would count.
 */
@RestController
class FallbackErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<OperationOutcomeBody> error(HttpServletRequest request, HttpServletResponse response) {
        SecurityHeadersFilter.apply(response); // an error dispatch passes no filter
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return answer(HttpStatus.NOT_FOUND, "not-found", OperationOutcomeAdvice.NO_ENDPOINT);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        if (status == 405) {
            // Spring MVC's own 405s are OperationOutcomeAdvice's: one here is the connector refusing TRACE, which it does
            // on every path before any servlet runs (the error dispatch no longer carries the method)
            return answer(HttpStatus.METHOD_NOT_ALLOWED, "not-supported", "Method TRACE is not allowed on any path.");
        }
        String diagnostics = status >= 500 ? OperationOutcomeBody.INTERNAL_ERROR
                : "The request could not be processed (HTTP " + status + ").";
        return answer(HttpStatus.valueOf(status), status >= 500 ? "exception" : "invalid", diagnostics);
    }

    private static ResponseEntity<OperationOutcomeBody> answer(HttpStatus status, String code, String diagnostics) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(OperationOutcomeBody.of(code, diagnostics, List.of()));
    }
}
