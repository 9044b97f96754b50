package org.allcds.cards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.cards.CardGrouping.Group;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.ServiceBuild;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.hooks.Link;
import org.allcds.hooks.RandomUuids;
import org.allcds.hooks.Source;
import org.allcds.hooks.Suggestion;

/**
 * Findings to cards, grouped by {@link CardGrouping} (one main card per service, a card of its own only for what needs
 * its own decision, not-applicable results on no card). A card's summary is its top finding's summary (under 140
 * characters), its indicator the most urgent of the findings it shows, its detail a short text for clinicians
 * ({@link CardDetail}), its source the rule set with a topic and at most two links, its override reasons those the
 * service declares; its extension is the machine-readable block of data-contract §4, holding every finding of the card
 * including the card-less ones, every rule, every input.
 */
public final class CardRenderer {

    static final int MAX_SUMMARY = Finding.MAX_SUMMARY;
    static final int MAX_LINKS = 2;

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
        // One action per patient: a suggestion two cards would both offer (e.g. the HSCT referral when COG and BFM
        // both indicate it) stays on the first, more urgent card only.
        Set<String> offered = new HashSet<>();
        return CardGrouping.group(findings).stream().map(g -> card(g, context, offered)).toList();
    }

    private Card card(Group group, Context context, Set<String> offered) {
        List<RuleInfo> shownRules = rulesOf(group.top(), group.shown());
        List<Suggestion> cardSuggestions = suggestions.suggest(group.shown(), context).stream()
                .filter(s -> offered.add(s.label())).toList();
        List<Link> links = links(shownRules);
        Set<String> linkedSources = links.stream().map(Link::label).collect(Collectors.toSet());
        String summary = summary(group);
        return new Card(RandomUuids.next(), summary, CardDetail.write(group, context, summary, linkedSources),
                group.urgency().code(), source(group, shownRules, context), cardSuggestions,
                cardSuggestions.isEmpty() ? null : "any", context.overrideReasons(), links,
                Map.of(AllCdsExtension.KEY, extension(group.all(), context)));
    }

    private static String summary(Group group) {
        Finding top = group.top().finding();
        String text = top.summary() != null ? ClinicalText.comparators(top.summary())
                : top.type() + (top.scheme() == null ? "" : " (" + top.scheme() + ")") + ": " + top.value();
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    /**
     * The top finding's rules first, its deciding rule leading (as the evaluation orders them): their sources are the
     * card's source and first link.
     */
    private static List<RuleInfo> rulesOf(ExplainedFinding top, List<ExplainedFinding> shown) {
        return Stream.concat(top.rules().stream(),
                shown.stream().flatMap(f -> f.rules().stream()).sorted(RuleInfo.ORDER)).distinct().toList();
    }

    private Source source(Group group, List<RuleInfo> rules, Context context) {
        // the label is shown to the clinician: schemes in words ("COG AALL1331"), never their codes; an order check's
        // scheme is the kind of order (CART_PRODUCT), which the card's summary names already
        List<String> schemes = group.shown().stream().map(ExplainedFinding::finding)
                .filter(CardTopics::ofAScheme).map(f -> ClinicalText.scheme(f.scheme()))
                .distinct().sorted().toList();
        String label = properties.sourceLabel() + " rules " + context.ruleSetVersion()
                + (schemes.isEmpty() ? "" : " (" + String.join(", ", schemes) + ")");
        String url = rules.stream().map(RuleInfo::url).filter(Objects::nonNull).findFirst().orElse(properties.sourceUrl());
        return new Source(label, url, null, CardTopics.of(group));
    }

    private static List<Link> links(List<RuleInfo> rules) {
        Map<String, String> byUrl = new LinkedHashMap<>();
        rules.stream().filter(r -> r.url() != null)
                .forEach(r -> byUrl.putIfAbsent(r.url(), ClinicalText.shortSource(r.source())));
        return byUrl.entrySet().stream().limit(MAX_LINKS).map(e -> Link.absolute(e.getValue(), e.getKey())).toList();
    }

    /**
     * The card's rules keyed by id and version, as data contract §4 keys them: the DRL rules implementing one catalogue
     * entry ({@code @part}s) are one entry, their distinct sources joined by "; " in {@link RuleInfo#ORDER}, so the
     * first source is the one the detail's "Rules:" line names.
     */
    static List<AllCdsExtension.RuleView> ruleViews(List<ExplainedFinding> findings) {
        record Key(String id, String version) {
        }
        Map<Key, Set<String>> sources = new LinkedHashMap<>();
        findings.stream().flatMap(f -> f.rules().stream()).distinct().sorted(RuleInfo.ORDER).forEach(r -> {
            Set<String> of = sources.computeIfAbsent(new Key(r.id(), r.version()), k -> new LinkedHashSet<>());
            if (r.source() != null && !r.source().isBlank()) {
                of.add(r.source());
            }
        });
        return sources.entrySet().stream().map(e -> new AllCdsExtension.RuleView(e.getKey().id(), e.getKey().version(),
                e.getValue().isEmpty() ? null : String.join("; ", e.getValue()))).toList();
    }

    private static AllCdsExtension extension(List<ExplainedFinding> findings, Context context) {
        List<ClinicalInput> inputs = CardDetail.inputs(findings);
        return new AllCdsExtension(
                findings.stream().map(f -> new AllCdsExtension.FindingView(f.finding().type(), f.finding().scheme(),
                        f.finding().value(), f.finding().candidates(), f.finding().missing())).distinct().toList(),
                ruleViews(findings),
                new AllCdsExtension.RuleSetView(context.ruleSetVersion(), context.ruleSetHash()),
                ServiceBuild.current(),
                inputViews(inputs),
                context.evaluationTime().asGiven());
    }

    /**
     * Each input with its record's reference. Data contract §4 gives an input one reference, so a relapse site left open
     * beside a result of its work-up is listed again with the result's ({@link DataQualityIssue#about()}): the record
     * that keeps the site open, which a harness must be able to find whether or not the card has a line of its own for
     * it. Once per result, however many of the relapse's records wait for it.
     */
    private static List<AllCdsExtension.InputView> inputViews(List<ClinicalInput> inputs) {
        Set<AllCdsExtension.InputView> results = new HashSet<>();
        List<AllCdsExtension.InputView> views = new ArrayList<>();
        for (ClinicalInput input : inputs) {
            views.add(view(input, input.reference()));
            AllCdsExtension.InputView result = input instanceof DataQualityIssue issue && issue.about() != null
                    ? view(input, issue.about()) : null;
            if (result != null && results.add(result)) {
                views.add(result);
            }
        }
        return views;
    }

    private static AllCdsExtension.InputView view(ClinicalInput input, String reference) {
        return new AllCdsExtension.InputView(input.inputName(), input.displayValue(),
                input.date() == null ? null : input.date().toString(), reference);
    }
}
