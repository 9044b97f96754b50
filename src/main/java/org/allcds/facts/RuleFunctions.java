package org.allcds.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Helpers the DRL packages share, in one tested place instead of a copy per package. A DRL file imports them with
 * {@code import function org.allcds.facts.RuleFunctions.unionOf;}. Lists of input names are sorted and without
 * repeats, so that two derivations that assumed the same inputs give equal (and, with {@code @key}, one) fact.
 */
public final class RuleFunctions {

    private RuleFunctions() {
    }

    /** No assumed input: the derivation rests on recorded data only. */
    public static List<String> noInputs() {
        return List.of();
    }

    /** The one input a derivation had to assume. */
    public static List<String> inputList(Input input) {
        return List.of(input.code());
    }

    /** The sorted union of input-name lists. */
    @SafeVarargs
    public static List<String> unionOf(Collection<String>... lists) {
        TreeSet<String> all = new TreeSet<>();
        for (Collection<String> list : lists) {
            all.addAll(list);
        }
        return new ArrayList<>(all);
    }

    /** {@code inputs} with one more input name, sorted. */
    public static List<String> withInput(Collection<String> inputs, Input input) {
        return unionOf(inputs, List.of(input.code()));
    }

    /** Every name in a collection of name lists (as {@code accumulate(…; collectList(inputs))} gives), sorted. */
    public static String[] sortedNames(Collection<? extends Collection<String>> lists) {
        TreeSet<String> all = new TreeSet<>();
        lists.forEach(all::addAll);
        return all.toArray(new String[0]);
    }

    /**
     * The names in {@code lists} that are ({@code keepMembers}) or are not in {@code keep}, sorted: e.g. the assumed
     * inputs that are absent from the record, apart from those that are present but cannot decide (censored values).
     */
    public static String[] namesIn(Collection<? extends Collection<String>> lists, Collection<String> keep, boolean keepMembers) {
        TreeSet<String> all = new TreeSet<>();
        for (Collection<String> list : lists) {
            list.stream().filter(n -> keep.contains(n) == keepMembers).forEach(all::add);
        }
        return all.toArray(new String[0]);
    }

    /** {@code names} without those in {@code dropped}, in the same order. */
    public static String[] without(String[] names, String[] dropped) {
        List<String> drop = List.of(dropped);
        return java.util.Arrays.stream(names).filter(n -> !drop.contains(n)).toArray(String[]::new);
    }

    /** The values of {@code values} in the order of {@code order} (e.g. severity), as names. */
    public static <E extends Enum<E>> String[] inOrder(Collection<?> values, E[] order) {
        List<String> out = new ArrayList<>();
        for (E e : order) {
            if (values.contains(e)) {
                out.add(e.name());
            }
        }
        return out.toArray(new String[0]);
    }

    /** The text with its first letter a capital: a rule's words that open a card's note ("Correct the lineage, …"). */
    public static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The first of {@code summaries} a card shows whole ({@link Finding#MAX_SUMMARY}), else the last: shorter words
     * only where the full ones would be cut.
     */
    public static String firstThatFits(String... summaries) {
        for (String summary : summaries) {
            if (summary.length() <= Finding.MAX_SUMMARY) {
                return summary;
            }
        }
        return summaries[summaries.length - 1];
    }

    /**
     * The blinatumomab MRD indication's summary (R-DX-15, R-TX-BLIN-01): "present" only for what the record shows; a
     * remission ({@code remissionToConfirm}, e.g. "in CR2") or a CD19 status it lacks is said as a condition.
     */
    public static String blinatumomabSummary(String when, String remissionToConfirm, boolean cd19Unknown) {
        List<String> conditions = new ArrayList<>();
        if (remissionToConfirm != null) {
            conditions.add(remissionToConfirm);
        }
        if (cd19Unknown) {
            conditions.add("CD19-positive");
        }
        return "MRD >= 0.1 % " + when + ": FDA-labelled blinatumomab indication "
                + (conditions.isEmpty() ? "present" : "if " + String.join(" and ", conditions));
    }
}
