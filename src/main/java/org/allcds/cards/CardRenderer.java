package org.allcds.cards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleInfo;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.hooks.Link;
import org.allcds.hooks.Source;
import org.allcds.hooks.Suggestion;

/**
 * Groups findings by their card key into cards. A card's summary is the highest-priority finding summary (under 140
 * characters), its indicator the most urgent of its findings, its detail the findings, inputs, rules with sources,
 * evaluation time and rule-set version; its extension is the machine-readable block of data-contract §4. Card order is
 * deterministic: most urgent first, then priority, then key.
 */
public final class CardRenderer {

    static final int MAX_SUMMARY = 139;
    private static final List<String> INDICATORS = List.of("info", "warning", "critical");
    static final String DISCLAIMER = "Decision support only: it supports, and does not replace, the treating team's"
            + " protocol and clinical judgement.";

    private final CardProperties properties;
    private final SuggestionFactory suggestions;

    public CardRenderer(CardProperties properties, SuggestionFactory suggestions) {
        this.properties = properties;
        this.suggestions = suggestions;
    }

    /**
     * What the renderer needs of the rule set, the service and the request besides the findings; {@code overrideReasons}
     * are the service's, offered on each of its cards.
     */
    public record Context(String ruleSetVersion, String ruleSetHash, EvaluationTime evaluationTime, String patientId,
                          List<Coding> overrideReasons) {
        public Context {
            overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        }

        public Context(String ruleSetVersion, String ruleSetHash, EvaluationTime evaluationTime, String patientId) {
            this(ruleSetVersion, ruleSetHash, evaluationTime, patientId, List.of());
        }
    }

    public List<Card> render(List<ExplainedFinding> findings, Context context) {
        Map<String, List<ExplainedFinding>> byCard = new LinkedHashMap<>();
        findings.stream().sorted(FINDING_ORDER).forEach(f -> byCard.computeIfAbsent(f.finding().card(), k -> new ArrayList<>()).add(f));
        // One action per patient: a suggestion two cards would both offer (e.g. the HSCT referral when COG and BFM
        // both indicate it) stays on the more urgent card only.
        Set<String> offered = new java.util.HashSet<>();
        return byCard.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<ExplainedFinding>> e) -> -urgency(e.getValue()))
                        .thenComparing(e -> -topPriority(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> card(e.getValue(), context, offered))
                .toList();
    }

    static final Comparator<ExplainedFinding> FINDING_ORDER = Comparator
            .comparing((ExplainedFinding f) -> -f.finding().priority())
            .thenComparing(f -> f.finding().type())
            .thenComparing(f -> String.valueOf(f.finding().scheme()))
            .thenComparing(f -> f.finding().value());

    private Card card(List<ExplainedFinding> group, Context context, Set<String> offered) {
        List<RuleInfo> rules = group.stream().flatMap(f -> f.rules().stream()).distinct()
                .sorted(RuleInfo.ORDER).toList();
        List<ClinicalInput> inputs = distinctInputs(group);
        List<String> schemes = group.stream().map(f -> f.finding().scheme()).filter(Objects::nonNull).distinct().toList();
        List<Suggestion> cardSuggestions = suggestions.suggest(group, context).stream()
                .filter(s -> offered.add(s.label())).toList();
        return new Card(UUID.randomUUID().toString(), summary(group), detail(group, rules, inputs, schemes, context),
                INDICATORS.get(urgency(group)), source(rules, schemes, context), cardSuggestions,
                cardSuggestions.isEmpty() ? null : "any", context.overrideReasons(), links(rules),
                Map.of(AllCdsExtension.KEY, extension(group, rules, inputs, context)));
    }

    private static int urgency(List<ExplainedFinding> group) {
        return group.stream().mapToInt(f -> Math.max(0, INDICATORS.indexOf(f.finding().indicator()))).max().orElse(0);
    }

    private static int topPriority(List<ExplainedFinding> group) {
        return group.stream().mapToInt(f -> f.finding().priority()).max().orElse(0);
    }

    static String summary(List<ExplainedFinding> group) {
        String text = group.stream().map(ExplainedFinding::finding).filter(f -> f.summary() != null)
                .max(Comparator.comparingInt(Finding::priority)).map(Finding::summary)
                .orElseGet(() -> fallbackSummary(group.get(0).finding()));
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String fallbackSummary(Finding f) {
        return f.type() + (f.scheme() == null ? "" : " (" + f.scheme() + ")") + ": " + f.value();
    }

    private static List<ClinicalInput> distinctInputs(List<ExplainedFinding> group) {
        Set<ClinicalInput> inputs = new LinkedHashSet<>();
        group.forEach(f -> inputs.addAll(f.inputs()));
        return inputs.stream().sorted(ClinicalInput.ORDER).toList();
    }

    private String detail(List<ExplainedFinding> group, List<RuleInfo> rules, List<ClinicalInput> inputs,
                          List<String> schemes, Context context) {
        StringBuilder md = new StringBuilder();
        md.append("| Finding | Scheme | Value |\n|---|---|---|\n");
        for (ExplainedFinding f : group) {
            Finding x = f.finding();
            md.append("| ").append(Markdown.escape(x.type())).append(" | ").append(Markdown.escape(x.scheme() == null ? "-" : x.scheme()))
                    .append(" | ").append(Markdown.escape(x.value()));
            if (!x.candidates().isEmpty()) {
                md.append(" (candidates: ").append(Markdown.escape(String.join(", ", x.candidates()))).append(')');
            }
            md.append(" |\n");
        }
        List<String> notes = group.stream().map(f -> f.finding().note()).filter(Objects::nonNull).distinct().toList();
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(Markdown.escape(n)).append('\n'));
        }
        Set<String> missing = group.stream().flatMap(f -> f.finding().missing().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        group.stream().filter(f -> f.finding().type().equals("missing-data")).forEach(f -> missing.add(f.finding().value()));
        if (!missing.isEmpty()) {
            md.append("\n**Missing:** ").append(Markdown.escape(String.join(", ", missing))).append('\n');
        }
        if (!inputs.isEmpty()) {
            md.append("\n**Inputs**\n\n| Input | Value | Date | Reference |\n|---|---|---|---|\n");
            for (ClinicalInput i : inputs) {
                md.append("| ").append(Markdown.escape(i.inputName())).append(" | ").append(Markdown.escape(i.displayValue()))
                        .append(" | ").append(i.date() == null ? "-" : i.date()).append(" | ")
                        .append(i.reference() == null ? "-" : Markdown.escape(i.reference())).append(" |\n");
            }
        }
        md.append("\n**Rules**\n\n");
        for (RuleInfo r : rules) {
            md.append("- ").append(Markdown.escape(r.id())).append(" v").append(Markdown.escape(r.version())).append(": ")
                    .append(Markdown.escape(r.description() == null ? withoutId(r) : r.description()))
                    .append(". Source: ").append(Markdown.escape(r.source()));
            if (r.url() != null) {
                md.append(" (").append(r.url()).append(')');
            }
            md.append('\n');
        }
        md.append("\nEvaluated for ").append(context.evaluationTime().asGiven()).append(" with rule set ")
                .append(Markdown.escape(context.ruleSetVersion())).append(" (").append(context.ruleSetHash(), 0, 12).append(')');
        if (!schemes.isEmpty()) {
            md.append("; scheme").append(schemes.size() > 1 ? "s " : " ").append(Markdown.escape(String.join(", ", schemes)));
        }
        md.append(".\n\n_").append(DISCLAIMER).append("_");
        return md.toString();
    }

    /** Rule names start with their id by convention; the id is already shown. */
    private static String withoutId(RuleInfo r) {
        return r.name().startsWith(r.id()) ? r.name().substring(r.id().length()).trim() : r.name();
    }

    private Source source(List<RuleInfo> rules, List<String> schemes, Context context) {
        String label = properties.sourceLabel() + " rules " + context.ruleSetVersion()
                + (schemes.isEmpty() ? "" : " (" + String.join(", ", schemes) + ")");
        String url = rules.stream().map(RuleInfo::url).filter(Objects::nonNull).findFirst().orElse(properties.sourceUrl());
        return new Source(label, url, null, null);
    }

    private static List<Link> links(List<RuleInfo> rules) {
        Map<String, String> byUrl = new LinkedHashMap<>();
        rules.stream().filter(r -> r.url() != null).forEach(r -> byUrl.putIfAbsent(r.url(), "Source of " + r.id()));
        return byUrl.entrySet().stream().map(e -> Link.absolute(e.getValue(), e.getKey())).toList();
    }

    private static AllCdsExtension extension(List<ExplainedFinding> group, List<RuleInfo> rules, List<ClinicalInput> inputs, Context context) {
        return new AllCdsExtension(
                group.stream().map(f -> new AllCdsExtension.FindingView(f.finding().type(), f.finding().scheme(),
                        f.finding().value(), f.finding().candidates(), f.finding().missing())).toList(),
                rules.stream().map(r -> new AllCdsExtension.RuleView(r.id(), r.version(), r.source())).distinct().toList(),
                new AllCdsExtension.RuleSetView(context.ruleSetVersion(), context.ruleSetHash()),
                inputs.stream().map(i -> new AllCdsExtension.InputView(i.inputName(), i.displayValue(),
                        i.date() == null ? null : i.date().toString(), i.reference())).toList(),
                context.evaluationTime().asGiven());
    }
}
