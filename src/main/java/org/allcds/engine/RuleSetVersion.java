package org.allcds.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every card names the rule-set version it came from ({@code version} in {@code config.yaml}), so a version must stand
 * for one rule set: its rules' logic and versions with their packages, each package's imports and globals, its
 * declared types, and the content of its configuration, services and findings files (comments, layout and the version
 * itself left out). The ledger records each rule-set version with
 * the digest of that content ({@link VersionLedger}); a folder whose content differs from its version's digest must
 * raise the version, as a rule whose logic changed must raise its {@code @version}.
 */
final class RuleSetVersion {

    /** The ledger's id for rule-set lines; no rule id starts with {@code @}. */
    static final String LEDGER_ID = "@rule-set";

    /** The settings files' reader (aliases are read as written, not expanded: the digest still sees what they name). */
    private static final YAMLMapper YAML = RuleSetFiles.SERVICES_YAML;
    private static final List<String> SETTINGS_FILES = List.of(RuleSetSource.CONFIG_FILE, RuleSetSource.SERVICES_FILE,
            RuleSetSource.FINDINGS_FILE);

    /** The version {@code config.yaml} declares, where it stands, and the digest of what the folder holds today. */
    record Current(String version, int line, int column, String digest) {

        /** The ledger line that would record this version for today's content. */
        VersionLedger.Entry entry() {
            return new VersionLedger.Entry(LEDGER_ID, VersionLedger.NO_PART, version, digest);
        }
    }

    private RuleSetVersion() {
    }

    /**
     * The declared version and today's digest; empty when config.yaml is missing, its version is not a MAJOR.MINOR.PATCH
     * string, or a settings file cannot be read (each reported where the file is read: a version YAML reads as a
     * number, {@code 2.10}, would be recorded as {@code 2.1}).
     */
    static Optional<Current> current(RuleSetSource source, List<RuleLogic.Rule> rules) {
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        for (String file : SETTINGS_FILES) {
            String text = source.text(file);
            JsonNode tree = text == null ? null : tree(text);
            if (text != null && tree == null) {
                return Optional.empty();
            }
            settings.put(file, tree);
        }
        JsonNode version = settings.get(RuleSetSource.CONFIG_FILE) == null ? null
                : settings.get(RuleSetSource.CONFIG_FILE).get("version");
        if (version == null || !version.isString() || !VersionLedger.isVersion(version.asString())) {
            return Optional.empty();
        }
        YamlKeys.Places places = YamlKeys.places(YAML, source.text(RuleSetSource.CONFIG_FILE));
        return Optional.of(new Current(version.asString(), places.line("/version"), places.column("/version"),
                digest(source, rules, settings)));
    }

    /**
     * The digest of what the version stands for. Rules enter by package, id, part, version and logic digest, so a logic
     * change is seen here before its version is raised, and so is a rule moved to a package other services run; each
     * package's imports and globals, declared types and the settings files' trees (config.yaml without its version)
     * follow.
     */
    private static String digest(RuleSetSource source, List<RuleLogic.Rule> rules, Map<String, JsonNode> settings) {
        StringBuilder content = new StringBuilder();
        Map<String, String> packages = new HashMap<>();
        source.drlFiles().forEach((file, text) -> packages.put(file, DrlLocator.packageName(text)));
        rules.stream().map(r -> packages.get(r.file()) + " " + VersionLedger.Entry.of(r).line()).sorted()
                .forEach(l -> content.append(l).append('\n'));
        RuleLogic.preludes(source.drlFiles()).forEach(l -> content.append(l).append('\n'));
        RuleLogic.declarations(source.drlFiles()).forEach(d -> content.append(d).append('\n'));
        settings.forEach((file, tree) -> {
            if (tree instanceof ObjectNode object && file.equals(RuleSetSource.CONFIG_FILE)) {
                object.remove("version");
            }
            content.append(file).append(' ');
            canonical(tree, content);
            content.append('\n');
        });
        return RuleLogic.digest(content.toString());
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The tree with object keys sorted, so that reordering a file's keys is not a change. */
    private static void canonical(JsonNode node, StringBuilder out) {
        if (node == null) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(Comparator.naturalOrder());
            out.append('{');
            for (String name : names) {
                out.append(JsonNodeFactory.instance.stringNode(name)).append(':');
                canonical(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(item -> {
                canonical(item, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
