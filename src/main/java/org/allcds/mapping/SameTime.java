package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.allcds.facts.DataQualityCodes;
import org.hl7.fhir.r4.model.Resource;

/**
 * Two results of one concept at one time that say different things (two end-of-induction MRDs of one day, 0.005 % and
 * 0.5 %) are an ambiguous input (C-08, contract §2a): which one counts must not follow from their ids or the order a
 * server sent them in, and neither may be guessed. The input is then not used, and each rival is reported as
 * {@code conflicting-results}. Rivals with the same value are copies, not a conflict. "The same time" is one instant
 * (written in any time zone), or one calendar date where either result has no time of day.
 */
final class SameTime {

    static final String CONFLICT = DataQualityCodes.CONFLICTING_RESULTS;

    private SameTime() {
    }

    /**
     * The most recent result, unless a result of the same time has another {@code value}, or a result without a usable
     * date (none, or only a year or month) has another value than the latest dated one: it may be the most recent, so
     * which one counts is not known (C-08). Such results are named: an imprecise date is reported where it is read, an
     * absent one here.
     */
    static <T extends Resource> Optional<Dated<T>> latest(Collection<Dated<T>> results, Function<T, ?> value,
                                                          String element, MappingContext ctx) {
        return latestTimeIfKnown(results, value, ctx).flatMap(sameTime -> unrivalled(sameTime, value, element, ctx));
    }

    /**
     * The most recent result and every result of its time ({@link #latestTime}), unless a result without a usable date
     * has another {@code value} than the latest dated one and so may be the most recent: then none, and it is named.
     */
    static <T extends Resource> Optional<List<Dated<T>>> latestTimeIfKnown(Collection<Dated<T>> results,
                                                                          Function<T, ?> value, MappingContext ctx) {
        return undatedMayBeLatest(results, value, ctx) ? Optional.empty() : Optional.of(latestTime(results));
    }

    private static <T extends Resource> boolean undatedMayBeLatest(Collection<Dated<T>> results, Function<T, ?> value,
                                                                   MappingContext ctx) {
        // without a dated result there is none: which is latest is the results' own order (their months, if any)
        List<Dated<T>> undated = undatedThatMayBeLatest(results);
        if (undated.isEmpty()) {
            return false;
        }
        long values = mayBeLatest(results).stream().map(r -> value.apply(r.resource())).distinct().count();
        if (values <= 1) {
            return false;
        }
        undated.stream().filter(r -> !r.hasDateElement())
                .forEach(r -> ctx.issue("missing-date", r.dateElement(), r.reference()));
        return true;
    }

    /**
     * The results of the latest dated time and those without a usable date that may be later still; without a dated
     * result, those of the latest time among them (a later month, or every one that cannot be told apart).
     */
    static <T extends Resource> List<Dated<T>> mayBeLatest(Collection<Dated<T>> results) {
        List<Dated<T>> dated = results.stream().filter(r -> r.date() != null).toList();
        if (dated.isEmpty()) {
            return latestTime(results);
        }
        return java.util.stream.Stream.concat(latestTime(dated).stream(), undatedThatMayBeLatest(results).stream())
                .toList();
    }

    /**
     * The results without a usable date that may be the latest: with a dated one beside them, all but those of a month
     * or year that ended before the latest dated day (older than it).
     */
    static <T extends Resource> List<Dated<T>> undatedThatMayBeLatest(Collection<Dated<T>> results) {
        java.util.Optional<java.time.LocalDate> latestDay = results.stream().map(Dated::date).filter(Objects::nonNull)
                .max(java.util.Comparator.naturalOrder());
        if (latestDay.isEmpty()) {
            return List.of();
        }
        return results.stream().filter(r -> r.date() == null)
                .filter(r -> r.span().map(span -> !span.last().isBefore(latestDay.get())).orElse(true)).toList();
    }

    /**
     * What the results say of a finding at diagnosis that treatment clears but does not undo (CNS3, testicular
     * disease): whether any says it, and the earliest that does, unless one that does is contradicted by a result of
     * its time (another {@code value}): then none, each rival reported. A later result that no longer shows it must
     * not replace it.
     */
    static <T extends Resource> Saying<T> saying(Collection<Dated<T>> results, Predicate<T> says, Function<T, ?> value,
                                                 String element, MappingContext ctx) {
        List<Dated<T>> saying = results.stream().filter(r -> says.test(r.resource())).toList();
        ByDay<T> byDay = new ByDay<>(results);
        Set<List<Dated<T>>> agreeing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dated<T> result : saying) {
            List<Dated<T>> ofItsTime = byDay.ofTheTimeOf(result);
            if (agreeing.add(ofItsTime) && disagree(ofItsTime, value, element, ctx)) {
                return new Saying<>(true, Optional.empty());
            }
        }
        return new Saying<>(!saying.isEmpty(), saying.stream().min(Dated.chronological()));
    }

    /**
     * Results by calendar date, so that those of one time as a result are found without comparing it with every other
     * (a record of years holds thousands of blood counts), and once for all results of one time as written.
     */
    static final class ByDay<T extends Resource> {

        private final Map<LocalDate, List<Dated<T>>> days = new HashMap<>();
        private final Map<List<Object>, List<Dated<T>>> times = new HashMap<>();

        ByDay(Collection<Dated<T>> results) {
            results.forEach(r -> days.computeIfAbsent(r.date(), d -> new ArrayList<>()).add(r));
        }

        /**
         * The results of {@code result}'s time ({@link #sameTime}), itself included: of its date and the days either
         * side (one instant written in two offsets may fall on neighbouring days as written), or, for a result without
         * a day, of those without one. Results of one time as written get the same list.
         */
        List<Dated<T>> ofTheTimeOf(Dated<T> result) {
            return times.computeIfAbsent(timeAsWritten(result), key -> {
                LocalDate date = result.date();
                Stream<Dated<T>> candidates = date == null ? days.getOrDefault(null, List.of()).stream()
                        : Stream.of(date.minusDays(1), date, date.plusDays(1))
                                .flatMap(day -> days.getOrDefault(day, List.of()).stream());
                return candidates.filter(r -> sameTime(r, result)).toList();
            });
        }

        /** What {@link #sameTime} reads of a result: results equal in it are of one time with the same others. */
        private static List<Object> timeAsWritten(Dated<?> result) {
            return Arrays.asList(result.date(), result.instant(), result.span().orElse(null));
        }
    }

    /** Whether any result says it, and the one that counts (none when one that says it is contradicted). */
    record Saying<T extends Resource>(boolean said, Optional<Dated<T>> earliest) {
    }

    /** The earliest result and every result of its time (itself first), in reference order after it. */
    static <T extends Resource> List<Dated<T>> earliestTime(Collection<Dated<T>> results) {
        return timeOf(results.stream().min(Dated.chronological()), results);
    }

    /** The most recent result and every result of its time (itself first), in reference order after it. */
    static <T extends Resource> List<Dated<T>> latestTime(Collection<Dated<T>> results) {
        return timeOf(results.stream().max(Dated.chronological()), results);
    }

    /** {@code chosen} and the results of its time, itself first, then in reference order; empty without one. */
    private static <T extends Resource> List<Dated<T>> timeOf(Optional<Dated<T>> chosen, Collection<Dated<T>> results) {
        return chosen.map(c -> results.stream().filter(r -> sameTime(r, c))
                .sorted(Comparator.comparing((Dated<T> r) -> r != c).thenComparing(Dated::reference,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList()).orElse(List.of());
    }

    /** The first of {@code sameTime}, unless another gives another {@code value}: then none, each reported. */
    private static <T extends Resource> Optional<Dated<T>> unrivalled(List<Dated<T>> sameTime, Function<T, ?> value,
                                                                      String element, MappingContext ctx) {
        return disagree(sameTime, value, element, ctx) ? Optional.empty() : sameTime.stream().findFirst();
    }

    /** True, each result reported as {@code conflicting-results}, when results of one time give different values. */
    static <T extends Resource> boolean disagree(List<Dated<T>> sameTime, Function<T, ?> value, String element,
                                                 MappingContext ctx) {
        if (sameTime.stream().map(r -> value.apply(r.resource())).distinct().count() <= 1) {
            return false;
        }
        sameTime.stream().map(Dated::reference).sorted(Comparator.nullsLast(Comparator.naturalOrder()))
                .forEach(reference -> ctx.issue(CONFLICT, element, reference));
        return true;
    }

    /**
     * One instant, however its time zone was written; or, where either has no time, one calendar date (a date alone
     * cannot be ordered against a time of that day). Two results without a day are of one time unless the months or
     * years they give do not meet (2024-05 and 2024-07 are not; 2024 and 2024-05, or no date at all, cannot be told).
     */
    static boolean sameTime(Dated<?> a, Dated<?> b) {
        if (a.instant() != null && b.instant() != null) {
            return a.instant().equals(b.instant());
        }
        if (a.date() == null && b.date() == null && a.span().isPresent() && b.span().isPresent()) {
            return a.span().get().meets(b.span().get());
        }
        return Objects.equals(a.date(), b.date());
    }
}
