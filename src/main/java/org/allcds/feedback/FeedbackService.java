package org.allcds.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.LogText;
import org.allcds.metrics.AllCdsMetrics;
import org.allcds.errors.StoreUnavailableException;
import org.allcds.hooks.Coding;
import org.allcds.hooks.FeedbackItem;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Accepts a feedback call: checks each override reason and accepted suggestion against those its card offered (a card
 * this service never issued is accepted as is, and counted apart as unmatched), then stores all entries in one transaction. The
 * caller answers 200 only after this returns; an unreachable store is a 503 with nothing written, and so is a store
 * that does not answer within its timeout ({@link StoreCalls}). Only when the timeout fell on the commit itself may the
 * entries be stored after all: the 503 says so, and the client's retry stores nothing twice ({@link FeedbackStore#save}).
 */
public class FeedbackService {

    /** Column widths of the feedback table; longer values are refused as a 400 before anything is written. */
    private static final int MAX_ID = 100;
    private static final int MAX_SYSTEM = 255;
    private static final int MAX_SUGGESTIONS_JSON = 2000;
    /**
     * The most entries one call may carry. An EHR sends feedback as clinicians act on cards, a few entries a call; a
     * call of thousands cannot be stored within the store's timeout, and would be answered as an outage it is not.
     */
    static final int MAX_ENTRIES = 100;

    private final FeedbackStore store;
    private final Clock clock;
    private final Duration retryAfter;
    private final AllCdsMetrics metrics;
    private final StoreCalls calls;

    FeedbackService(FeedbackStore store, Clock clock, Duration retryAfter, AllCdsMetrics metrics, StoreCalls calls) {
        this.store = store;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.calls = calls;
    }

    public void accept(String serviceId, List<FeedbackItem> items) {
        if (items.size() > MAX_ENTRIES) {
            metrics.feedback(serviceId, "invalid", items.size());
            throw new InvalidCdsRequestException("feedback holds " + items.size() + " entries; at most " + MAX_ENTRIES
                    + " are taken in one call: send them in several calls.");
        }
        for (int i = 0; i < items.size(); i++) {
            checkLengths(items.get(i), "feedback[" + i + "]");
        }
        Instant now = clock.instant();
        try {
            List<FeedbackEntry> stored = calls.call(() -> {
                List<FeedbackEntry> entries = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    FeedbackItem item = items.get(i);
                    checkSuggestions(item, serviceId, i);
                    entries.add(new FeedbackEntry(item.card(), serviceId, item.outcome(), offered(item, serviceId, i),
                            item.acceptedSuggestions(), item.outcomeTimestamp(), now));
                }
                return store.save(entries);
            });
            stored.forEach(e -> metrics.feedback(serviceId, e.outcome(), 1));
        } catch (StoreCalls.NoAnswer e) {
            metrics.feedback(serviceId, "store-unavailable", items.size());
            throw new StoreUnavailableException(e.mayHaveCommitted()
                    ? "The feedback store is unavailable (" + e.getMessage() + ") and did not confirm the write: the"
                            + " feedback may be stored. Send it again; an entry stored already is not stored twice."
                    : "The feedback store is unavailable (" + e.getMessage() + "); nothing was stored. Retry later.",
                    retryAfter);
        } catch (DataAccessException | TransactionException e) {
            // The outage is logged once (StoreOutage); each refused call once, by the error handler.
            metrics.feedback(serviceId, "store-unavailable", items.size());
            throw new StoreUnavailableException("The feedback store is unavailable; nothing was stored. Retry later.", retryAfter);
        } catch (InvalidCdsRequestException e) {
            metrics.feedback(serviceId, "invalid", items.size());
            throw e;
        }
    }

    /** The reason as the card offered it (with its display), or as sent when this service never issued the card. */
    private Coding offered(FeedbackItem item, String serviceId, int index) {
        Coding sent = item.overrideReason();
        if (sent == null) {
            return null;
        }
        Optional<List<Coding>> offered = store.offeredReasons(item.card(), serviceId);
        if (offered.isEmpty()) {
            return sent;
        }
        return offered.get().stream()
                .filter(r -> r.system().equals(sent.system()) && r.code().equals(sent.code()))
                .findFirst()
                .orElseThrow(() -> new InvalidCdsRequestException("feedback[" + index + "].overrideReason.reason "
                        + LogText.quoted(sent.system()) + "|" + sent.code() + " is not one of the reasons card " + item.card()
                        + " offered ("
                        + (offered.get().isEmpty() ? "none" : offered.get().stream().map(Coding::code).collect(Collectors.joining(", ")))
                        + ")."));
    }

    /** Each accepted suggestion is one the card offered, when the card and its suggestions are known here. */
    private void checkSuggestions(FeedbackItem item, String serviceId, int index) {
        if (item.acceptedSuggestions().isEmpty()) {
            return;
        }
        Optional<List<String>> offered = store.offeredSuggestions(item.card(), serviceId);
        if (offered.isEmpty()) {
            return;
        }
        List<String> accepted = item.acceptedSuggestions();
        for (int j = 0; j < accepted.size(); j++) {
            if (!offered.get().contains(accepted.get(j))) {
                throw new InvalidCdsRequestException("feedback[" + index + "].acceptedSuggestions[" + j + "].id "
                        + accepted.get(j) + " is not one of the suggestions card " + item.card() + " offered ("
                        + (offered.get().isEmpty() ? "none" : String.join(", ", offered.get())) + ").");
            }
        }
    }

    private static void checkLengths(FeedbackItem item, String path) {
        tooLong(item.card(), MAX_ID, path + ".card");
        item.acceptedSuggestions().forEach(id -> tooLong(id, MAX_ID, path + ".acceptedSuggestions[].id"));
        if (String.join("\",\"", item.acceptedSuggestions()).length() + 4 > MAX_SUGGESTIONS_JSON) {
            throw new InvalidCdsRequestException(path + ".acceptedSuggestions are too many to store.");
        }
        if (item.overrideReason() != null) {
            tooLong(item.overrideReason().system(), MAX_SYSTEM, path + ".overrideReason.reason.system");
            tooLong(item.overrideReason().code(), MAX_ID, path + ".overrideReason.reason.code");
            tooLong(item.overrideReason().display(), MAX_SYSTEM, path + ".overrideReason.reason.display");
        }
    }

    private static void tooLong(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidCdsRequestException(field + " is longer than " + max + " characters.");
        }
    }
}
