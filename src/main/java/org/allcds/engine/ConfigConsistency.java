package org.allcds.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.RuleConfig;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

/**
 * Values of {@code config.yaml} that each bind but contradict each other. A subtype listed both as favourable and as
 * very high risk made a Ph+ child COG low risk (R-DX-07 must override everything); cut-offs in the wrong order make a
 * band that no value can reach. Each problem is reported at the later of the two keys, where the author's last edit
 * most likely is.
 */
final class ConfigConsistency {

    private final Map<String, TokenStreamLocation> keys;
    private final List<RuleProblem> problems = new ArrayList<>();

    private ConfigConsistency(Map<String, TokenStreamLocation> keys) {
        this.keys = keys;
    }

    static List<RuleProblem> check(ObjectMapper yaml, String text, RuleConfig c) {
        ConfigConsistency check = new ConfigConsistency(configKeyLocations(yaml, text));
        check.genetics(c);
        if (!c.relapseSchemes().contains(c.relapsePrimary())) {
            check.error("relapsePrimary", "relapsePrimary " + c.relapsePrimary() + " is not among relapseSchemes "
                    + c.relapseSchemes() + ": the primary scheme would never be shown");
        }
        check.ascending("infantAgeYears", c.infantAgeYears(), "nciHighRiskAgeYears", c.nciHighRiskAgeYears(), true);
        check.ascending("nciHighRiskAgeYears", c.nciHighRiskAgeYears(), "cogVeryHighRiskAgeYears",
                c.cogVeryHighRiskAgeYears(), false);
        check.ascending("day8MrdThresholdPct", c.day8MrdThresholdPct(), "day8MrdHighPct", c.day8MrdHighPct(), true);
        check.ascending("eoiMrdThresholdPct", c.eoiMrdThresholdPct(), "tallEoiVeryHighMrdPct",
                c.tallEoiVeryHighMrdPct(), false);
        check.ascending("cartEmaMinAgeYears", c.cartEmaMinAgeYears(), "cartMaxAgeCompletedYears",
                c.cartMaxAgeCompletedYears(), false);
        for (var component : RuleConfig.class.getRecordComponents()) {
            if (component.getName().endsWith("Pct")) {
                check.percent(component.getName(), (BigDecimal) value(component, c));
            }
        }
        return check.problems;
    }

    private void genetics(RuleConfig c) {
        Set<GeneticSubtype> both = EnumSet.noneOf(GeneticSubtype.class);
        both.addAll(c.favorableGenetics());
        both.retainAll(c.veryHighRiskGenetics());
        if (!both.isEmpty()) {
            error(later("favorableGenetics", "veryHighRiskGenetics"), "subtype " + names(both)
                    + " is listed in both favorableGenetics and veryHighRiskGenetics; a very-high-risk subtype"
                    + " overrides everything (R-DX-07), so list it only in veryHighRiskGenetics");
        }
        for (String key : List.of("favorableGenetics", "veryHighRiskGenetics")) {
            Set<GeneticSubtype> listed = key.equals("favorableGenetics") ? c.favorableGenetics() : c.veryHighRiskGenetics();
            if (listed.contains(GeneticSubtype.NONE_DETECTED)) {
                error(key, key + " lists NONE_DETECTED, which is the absence of a subtype, not a subtype");
            }
        }
    }

    /** {@code low < high} (strict) or {@code low <= high}. */
    private <T extends Comparable<T>> void ascending(String lowKey, T low, String highKey, T high, boolean strict) {
        int order = low.compareTo(high);
        if (order > 0 || (strict && order == 0)) {
            error(later(lowKey, highKey), lowKey + " (" + low + ") must be " + (strict ? "below" : "at most") + " "
                    + highKey + " (" + high + ")");
        }
    }

    private void percent(String key, BigDecimal pct) {
        if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
            error(key, key + " (" + pct.toPlainString() + ") is a percentage and must be between 0 and 100");
        }
    }

    private String later(String a, String b) {
        return line(a) >= line(b) ? a : b;
    }

    private int line(String key) {
        TokenStreamLocation at = keys.get(key);
        return at == null ? 1 : at.getLineNr();
    }

    private void error(String key, String message) {
        TokenStreamLocation at = keys.get(key);
        problems.add(RuleSetFiles.error(RuleSetSource.CONFIG_FILE, at == null ? 1 : at.getLineNr(),
                at == null ? 1 : at.getColumnNr(), message));
    }

    private static String names(Set<GeneticSubtype> subtypes) {
        return subtypes.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Object value(java.lang.reflect.RecordComponent component, RuleConfig c) {
        try {
            return component.getAccessor().invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where each key of the {@code config} mapping stands (the file has passed {@link ConfigKeys} already). */
    private static Map<String, TokenStreamLocation> configKeyLocations(ObjectMapper yaml, String text) {
        Map<String, TokenStreamLocation> at = new HashMap<>();
        try (JsonParser p = yaml.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return at;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean config = p.currentName().equals("config");
                if (p.nextToken() == JsonToken.START_OBJECT && config) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        at.put(p.currentName(), p.currentTokenLocation());
                        p.nextToken();
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return at;
    }
}
