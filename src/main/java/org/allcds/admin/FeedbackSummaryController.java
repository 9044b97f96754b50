package org.allcds.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.feedback.FeedbackSummary;
import org.allcds.feedback.FeedbackSummaryQuery;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/feedback/summary}: which rules' cards clinicians accept or override, and why. Filters: {@code since}
 * (an instant or a date, default the start of the retention period's data), {@code service}, {@code rule}. JSON, or CSV
 * for spreadsheets with {@code format=csv} or {@code Accept: text/csv}. Behind the admin token like every
 * {@code /admin} endpoint; absent when no admin token is configured.
 */
@RestController
@Conditional(AdminEnabled.class)
class FeedbackSummaryController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final FeedbackSummaryQuery query;

    FeedbackSummaryController(FeedbackSummaryQuery query) {
        this.query = query;
    }

    @GetMapping("/admin/feedback/summary")
    ResponseEntity<?> summary(@RequestParam(required = false) String since, @RequestParam(required = false) String service,
                              @RequestParam(required = false) String rule, @RequestParam(required = false) String format,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        FeedbackSummary summary = query.summary(since(since), blankToNull(service), blankToNull(rule));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if ("csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"))) {
            return ok.contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"feedback-summary.csv\"")
                    .body(summary.toCsv());
        }
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw new InvalidCdsRequestException("format must be 'json' or 'csv'.");
        }
        return ok.contentType(MediaType.APPLICATION_JSON).body(summary);
    }

    private static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidCdsRequestException("since must be a date (2026-01-31) or an instant (2026-01-31T08:00:00Z).");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
