package org.allcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.allcds.engine.RuleEvaluationException;
import org.allcds.errors.CdsException;
import org.allcds.errors.LogText;
import org.allcds.errors.MessageFreeThrowable;
import org.allcds.errors.OperationOutcomeBody;
import org.allcds.errors.UnavailableException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error becomes a FHIR OperationOutcome with one sentence saying what was wrong and where. 4xx are logged at
 * WARN without a stack trace (the diagnostics carry no patient data); anything unexpected is a 500, logged with its
 * classes and stack but not its messages, which may quote the request ({@link MessageFreeThrowable}), and whose body
 * says nothing about the internals.
 */
@RestControllerAdvice
class OperationOutcomeAdvice {

    /** The answer for a path nothing serves. */
    static final String NO_ENDPOINT = "No endpoint at this path; see GET /cds-services.";

    private static final Logger log = LoggerFactory.getLogger(OperationOutcomeAdvice.class);

    @ExceptionHandler(CdsException.class)
    ResponseEntity<OperationOutcomeBody> cds(CdsException e, HttpServletRequest request) {
        log.warn("{} {} -> {}: {}", RequestLabels.method(request), RequestLabels.route(request), e.status(),
                LogText.bounded(e.logText()));
        log.debug("{} {} -> {} diagnostics: {}", RequestLabels.method(request), RequestLabels.route(request), e.status(),
                LogText.bounded(e.diagnostics()));
        HttpHeaders headers = new HttpHeaders();
        if (e.status() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof UnavailableException unavailable) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()));
        }
        return body(e.status(), e.toOperationOutcome(), headers);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<OperationOutcomeBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        // Not the path: a client may have typed a patient's name or id in it.
        return simple(405, "not-supported", "Method " + RequestLabels.method(request) + " is not allowed on this path"
                + (e.getSupportedMethods() == null ? "." : "; use " + String.join(" or ", e.getSupportedMethods()) + "."), headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<OperationOutcomeBody> mediaType(HttpMediaTypeNotSupportedException e) {
        // the log line leaves the header out: it is what the client sent
        return simple(415, "not-supported", "Content-Type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                + " is not supported; send application/json.", "a Content-Type that is not application/json", new HttpHeaders());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<OperationOutcomeBody> notAcceptable() {
        return simple(406, "not-supported", "This endpoint answers application/json only.", new HttpHeaders());
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<OperationOutcomeBody> notFound() {
        // Not the path: a misdirected FHIR call (GET /Patient/{id}) would put a patient id in the WARN log.
        return simple(404, "not-found", NO_ENDPOINT, new HttpHeaders());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<OperationOutcomeBody> unreadable() {
        return simple(400, "invalid", "The request body could not be read as JSON.", new HttpHeaders());
    }

    /** Tomcat decodes query parameters when first asked for one; bytes that are not UTF-8 are the client's error. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<OperationOutcomeBody> undecodableQuery() {
        return simple(400, "invalid", "The query string could not be decoded: percent-encoded bytes must be UTF-8.",
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OperationOutcomeBody> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof RuleEvaluationException failed) {
            // its message names the rule and holds no patient data: the rule author needs it to find the fault
            log.error("{} {} -> 500: {}", RequestLabels.method(request), RequestLabels.route(request), failed.getMessage(),
                    MessageFreeThrowable.of(e));
        } else {
            log.error("{} {} -> 500", RequestLabels.method(request), RequestLabels.route(request), MessageFreeThrowable.of(e));
        }
        return body(500, OperationOutcomeBody.internalError(), new HttpHeaders());
    }

    /** An answer whose diagnostics quote nothing of the request, so that the log may say them. */
    private static ResponseEntity<OperationOutcomeBody> simple(int status, String code, String diagnostics, HttpHeaders headers) {
        return simple(status, code, diagnostics, diagnostics, headers);
    }

    private static ResponseEntity<OperationOutcomeBody> simple(int status, String code, String diagnostics, String logText,
                                                               HttpHeaders headers) {
        if (status < 500) {
            log.warn("-> {}: {}", status, LogText.bounded(logText));
        }
        return body(status, OperationOutcomeBody.of(code, diagnostics, List.of()), headers);
    }

    private static ResponseEntity<OperationOutcomeBody> body(int status, OperationOutcomeBody body, HttpHeaders headers) {
        return ResponseEntity.status(HttpStatus.valueOf(status)).headers(headers).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
