package org.allcds.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.allcds.engine.FolderCheck;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSetSource;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PrefetchTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rule folder's prefetch templates against the request path: each must parse, and must ask for every code the
 * mapping reads (data contract §1). The engine cannot check this without depending on prefetch and mapping, so it is a
 * {@link FolderCheck} that the one {@code RuleSetCheck} of start-up, reload and {@code lint} runs.
 */
public final class TemplateCheck implements FolderCheck {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** Site codes are added to the templates when served; a rule set must ask for the contract's own. */
    private static final TemplateCodes CONTRACT_CODES = new TemplateCodes(new FactMapper());

    /** Each invalid template in services.yaml, at the line and column where the template text starts. */
    @Override
    public List<RuleProblem> problems(RuleSetSource source) {
        return templateProblems(source.text(RuleSetSource.SERVICES_FILE));
    }

    /** Each invalid template in the given services.yaml text. */
    static List<RuleProblem> templateProblems(String servicesYaml) {
        if (servicesYaml == null) {
            return List.of();
        }
        JsonNode root;
        try {
            root = YAML.readTree(servicesYaml);
        } catch (JacksonException e) {
            return List.of(); // the compiler already reports unreadable YAML at its position
        }
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = servicesYaml.split("\n", -1);
        for (JsonNode service : root.path("services")) {
            int serviceLine = lineOf(lines, 0, "id: " + service.path("id").asString(""));
            for (var entry : service.path("prefetch").properties()) {
                String template = entry.getValue().isString() ? entry.getValue().asString() : null;
                String hook = service.path("hook").asString(null);
                List<String> found = entry.getValue().isString() ? templateErrors(template, hook)
                        : List.of("The template must be a string.");
                int[] at = locate(lines, serviceLine, entry.getKey(), template);
                String where = "service '" + service.path("id").asString("") + "', prefetch '" + entry.getKey() + "': ";
                for (String message : found) {
                    problems.add(new RuleProblem(RuleSetSource.SERVICES_FILE, at[0], at[1], RuleProblem.Severity.ERROR,
                            where + message));
                }
                if (template != null && CONTRACT_CODES.asksForEverything(template)) {
                    problems.add(new RuleProblem(RuleSetSource.SERVICES_FILE, at[0], at[1], RuleProblem.Severity.WARNING,
                            where + "the template asks for every resource of its type; list the codes the mapping reads"
                                    + " with code= (data contract §1)."));
                }
            }
        }
        return problems;
    }

    /** Template syntax and tokens, then each code the mapping reads that the template's code list lacks. */
    private static List<String> templateErrors(String template, String hook) {
        List<String> errors = new ArrayList<>(PrefetchTemplate.problems(template, hook));
        if (errors.isEmpty()) {
            CONTRACT_CODES.missing(template).forEach(code -> errors.add("code " + code
                    + ", which the mapping reads, is missing from the template's code= list (data contract §1)."));
        }
        return errors;
    }

    /** Line and column (1-based) of the template, on the first line after the service's id naming the key. */
    private static int[] locate(String[] lines, int fromLine, String key, String template) {
        int line = keyLine(lines, Math.max(fromLine - 1, 0), key);
        if (line == 0) {
            return new int[] {Math.max(fromLine, 1), 1};
        }
        String text = lines[line - 1];
        // a template continued over several lines starts with its first line's text
        int col = template == null || template.isEmpty() ? -1 : text.indexOf(template.lines().findFirst().orElse(template)
                .substring(0, Math.min(template.length(), 12)));
        if (col < 0) {
            col = text.indexOf(key + ":") + key.length() + 1;
            while (col < text.length() && text.charAt(col) == ' ') {
                col++;
            }
        }
        return new int[] {line, col + 1};
    }

    private static int keyLine(String[] lines, int from, String key) {
        for (int i = from; i < lines.length; i++) {
            String trimmed = lines[i].stripLeading();
            if (trimmed.startsWith(key + ":") || trimmed.startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int lineOf(String[] lines, int from, String needle) {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }
}
