package org.allcds.facts;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a rule concludes, in the data contract's terms (type, scheme, value, candidates, missing), plus how it is shown:
 * the {@code card} it belongs to ({@link #MAIN_CARD} unless a rule says otherwise: findings with the same card key share
 * one card; docs/cards.md says which finding lands where), the card's {@link Indicator} ({@code Indicator.INFO} unless
 * a rule says otherwise), a {@code summary} sentence under 140 characters, a {@code note}
 * for the card's detail (e.g. why a label check is not met) and a {@code priority}: the summary of the finding with the
 * highest priority on a card becomes the card's summary. A finding that says a stratum or label does not apply names
 * its {@code reasons}, typed ({@link #because}): a card decides by them, never by its words, what goes without saying
 * (docs/cards.md §3); {@code reasonWords} are the reasons as the card's "Not applicable" or "Not checked" line and an
 * order card say them: every finding not met or not applicable gives them (else the line says only its value). A
 * finding whose summary names the ALL diagnosis as not recorded or not confirmed says so by its {@code diagnosisGap}
 * too, which the card's "Missing" line reads instead of the summary's words.
 *
 * <p>Built fluently in a rule's consequence:
 * {@code insert(Finding.of("nci-risk", "NCI", "HIGH").withSummary("NCI high risk"));}
 */
public record Finding(String type, String scheme, String value, List<String> candidates, List<String> missing,
                      String card, Indicator indicator, String summary, String note, int priority,
                      Set<NotApplicableReason> reasons, String reasonWords, DiagnosisGap diagnosisGap) {

    /** The service's main card: the answer to its clinical question, where every finding goes unless it needs its own. */
    public static final String MAIN_CARD = "main";
    /**
     * No card at all: the finding is for machines and rule authors only. It travels in the extension of the card that
     * hosts the card-less findings, and sets no summary, indicator or line of the detail (docs/cards.md §2).
     */
    public static final String EXTENSION_ONLY = "extension-only";

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        missing = missing == null ? List.of() : List.copyOf(missing);
        card = card == null ? MAIN_CARD : card;
        indicator = indicator == null ? Indicator.INFO : indicator;
        reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
    }

    public static Finding of(String type, String scheme, String value) {
        return new Finding(type, scheme, value, List.of(), List.of(), null, null, null, null, 0, null, null, null);
    }

    /** A finding without a scheme (e.g. {@code missing-data}, {@code infant}). */
    public static Finding of(String type, String value) {
        return of(type, null, value);
    }

    public Finding withCandidates(String... values) {
        return new Finding(type, scheme, value, List.of(values), missing, card, indicator, summary, note, priority,
                reasons, reasonWords, diagnosisGap);
    }

    public Finding withMissing(String... inputs) {
        return new Finding(type, scheme, value, candidates, List.of(inputs), card, indicator, summary, note, priority,
                reasons, reasonWords, diagnosisGap);
    }

    public Finding onCard(String cardKey) {
        return new Finding(type, scheme, value, candidates, missing, cardKey, indicator, summary, note, priority,
                reasons, reasonWords, diagnosisGap);
    }

    /** On no card: in the extension only, for what changes nothing a clinician decides ({@link #EXTENSION_ONLY}). */
    public Finding inExtensionOnly() {
        return onCard(EXTENSION_ONLY);
    }

    public Finding withIndicator(Indicator cardIndicator) {
        return new Finding(type, scheme, value, candidates, missing, card, cardIndicator, summary, note, priority,
                reasons, reasonWords, diagnosisGap);
    }

    /** CDS Hooks: a card's summary is under 140 characters; the renderer cuts a longer one and lint warns of it. */
    public static final int MAX_SUMMARY = 139;

    public Finding withSummary(String cardSummary) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, cardSummary, note, priority,
                reasons, reasonWords, diagnosisGap);
    }

    public Finding withSummary(String cardSummary, int summaryPriority) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, cardSummary, note, summaryPriority,
                reasons, reasonWords, diagnosisGap);
    }

    /** Why the stratum or label does not apply: every reason that holds, typed (the summary and note say them in words). */
    public Finding because(NotApplicableReason... why) {
        return because(List.of(why));
    }

    /**
     * As {@link #because(Collection)}, with the reasons in the words the card's "Not applicable" line gives them: for a
     * finding whose summary is a headline of its own rather than "…: the reason".
     */
    public Finding because(Collection<NotApplicableReason> why, String words) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, summary, note, priority, Set.copyOf(why),
                words, diagnosisGap);
    }

    public Finding because(Collection<NotApplicableReason> why) {
        return because(why, reasonWords);
    }

    /** The words of why a check is not met or not done, as the card's "Not applicable" or "Not checked" line says them. */
    public Finding withReasonWords(String words) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, summary, note, priority, reasons,
                words, diagnosisGap);
    }

    /**
     * The ALL diagnosis itself as what the record lacks (not only its date), where the summary names it so: the card's
     * "Missing" line then names the diagnosis record, as the summary does, in place of its date. Null for none.
     */
    public Finding withDiagnosisGap(DiagnosisGap gap) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, summary, note, priority, reasons,
                reasonWords, gap);
    }

    public Finding withNote(String detailNote) {
        return new Finding(type, scheme, value, candidates, missing, card, indicator, summary, detailNote, priority,
                reasons, reasonWords, diagnosisGap);
    }
}
