package org.allcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.allcds.engine.ServiceBuild;

/**
 * The {@code extension["org.allcds"]} block every card carries (data-contract §4), with the service build that made the
 * card ({@code serviceBuild}): findings depend on the service's code as well as on the rule set.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AllCdsExtension(List<FindingView> findings, List<RuleView> rules, RuleSetView ruleSet,
                              ServiceBuild serviceBuild, List<InputView> inputs, String evaluationTime) {

    public static final String KEY = "org.allcds";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FindingView(String type, String scheme, String value, List<String> candidates, List<String> missing) {
    }

    public record RuleView(String id, String version, String source) {
    }

    public record RuleSetView(String version, String hash) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record InputView(String name, String value, String date, String reference) {
    }
}
