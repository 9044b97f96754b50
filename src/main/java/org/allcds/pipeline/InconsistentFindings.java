package org.allcds.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.FindingVocabulary.Inconsistency;
import org.allcds.engine.RuleInfo;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.Finding;
import org.allcds.facts.Indicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is served instead of an evaluation whose rules contradict each other (two values of one type and scheme) or
 * conclude something the findings vocabulary does not declare. A card shows one of two contradictory values and the
 * extension both, so a clinician would see no conflict while a machine may read either: the rules' findings are
 * withheld, and one critical card says so. In its extension each withheld question carries the value
 * {@link #VALUE}, with the values the rules gave as candidates and the rules that gave them; the log names the rules.
 */
final class InconsistentFindings {

    /** The card the refusal is shown on. */
    static final String CARD = "inconsistent-evaluation";
    /** The value a withheld finding carries in the extension: never one of the contract's values. */
    static final String VALUE = "INCONSISTENT";

    private static final Logger log = LoggerFactory.getLogger(InconsistentFindings.class);

    private InconsistentFindings() {
    }

    /** The findings that replace the rules' findings of an inconsistent evaluation; logs each inconsistency. */
    static List<ExplainedFinding> replacing(String serviceId, String ruleSetVersion, List<Inconsistency> inconsistencies) {
        List<ExplainedFinding> replaced = new ArrayList<>(inconsistencies.size());
        for (Inconsistency i : inconsistencies) {
            log.error("Service {}: findings withheld, rule set {} is inconsistent: {}", serviceId, ruleSetVersion,
                    i.describe());
            replaced.add(finding(i));
        }
        return replaced;
    }

    private static ExplainedFinding finding(Inconsistency i) {
        Set<RuleInfo> rules = new LinkedHashSet<>();
        Set<ClinicalInput> inputs = new LinkedHashSet<>();
        i.findings().forEach(f -> {
            rules.addAll(f.rules());
            inputs.addAll(f.inputs());
        });
        String what = i.type() + (i.scheme() == null ? "" : " (" + i.scheme() + ")");
        String said = String.join(" and ", i.values());
        String summary = i.contradiction()
                ? "Result withheld: the rules contradict each other on " + what
                : "Result withheld: a rule gave " + what + " a value the service does not define";
        String note = (i.contradiction() ? "The rules concluded " + what + " both " + said
                : "A rule concluded " + what + " " + said + ", which is not a declared finding value")
                + ", so none of this evaluation's results is shown. Do not act on a result of this service for this"
                + " patient until the rule set is corrected; report it to the rule authors, naming the rules below.";
        Finding withheld = Finding.of(i.type(), i.scheme(), VALUE).withCandidates(i.values().toArray(String[]::new))
                .onCard(CARD).withIndicator(Indicator.CRITICAL).withSummary(summary, 100).withNote(note);
        return new ExplainedFinding(withheld, List.copyOf(rules), List.copyOf(inputs));
    }
}
