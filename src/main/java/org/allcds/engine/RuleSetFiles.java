package org.allcds.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allcds.catalog.OverrideReason;
import org.allcds.catalog.ServiceCatalog;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.RuleConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the two YAML files of a rule set; a mistake becomes a {@link RuleProblem} at its file, line and column. */
final class RuleSetFiles {

    static final Set<String> HOOKS = Set.of("patient-view", "order-select", "order-sign", "encounter-start");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * {@code services.yaml}: as strict about unknown keys, but {@code overrideReasons} (file and service) and the
     * optional discovery fields may be left out; the required ones are checked in {@link #checkService}. Also for
     * {@code findings.yaml}, whose optional keys {@link FindingVocabulary} checks.
     */
    static final YAMLMapper SERVICES_YAML = YAML.rebuild()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    /** {@code config.yaml}: the rule set's version and its configuration. */
    record Manifest(String version, RuleConfig config) {
    }

    /** {@code overrideReasons} at the top is the default list for services that declare none of their own. */
    record ServicesFile(List<ReasonEntry> overrideReasons, List<ServiceEntry> services) {
    }

    record ServiceEntry(String id, String hook, String title, String description, String usageRequirements,
                        LinkedHashMap<String, String> prefetch, List<String> rules, List<ReasonEntry> overrideReasons) {
    }

    /** An override reason: a Coding. */
    record ReasonEntry(String system, String code, String display) {
    }

    private RuleSetFiles() {
    }

    static Manifest readManifest(RuleSetSource source, List<RuleProblem> problems) {
        String text = source.text(RuleSetSource.CONFIG_FILE);
        if (text == null) {
            problems.add(error(RuleSetSource.CONFIG_FILE, 0, 0, "missing: the rule set needs config.yaml with its version and configuration"));
            return null;
        }
        try {
            List<RuleProblem> keys = YamlKeys.aliases(YAML, RuleSetSource.CONFIG_FILE, text);
            if (keys.isEmpty()) {
                keys = ConfigKeys.check(YAML, text);
            }
            if (!keys.isEmpty()) {
                problems.addAll(keys);
                return null;
            }
            Manifest manifest = YAML.readValue(text, Manifest.class);
            if (manifest.version() == null || manifest.version().isBlank()) {
                problems.add(error(RuleSetSource.CONFIG_FILE, 1, 1, "'version' is required"));
            } else {
                versionProblem(text, manifest.version()).ifPresent(problems::add);
            }
            if (manifest.config() == null) {
                problems.add(error(RuleSetSource.CONFIG_FILE, 1, 1, "'config' is required"));
            } else {
                problems.addAll(ConfigConsistency.check(YAML, text, manifest.config()));
            }
            return problems.stream().anyMatch(RuleProblem::isError) ? null : manifest;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            problems.add(yamlProblem(RuleSetSource.CONFIG_FILE, e));
            return null;
        }
    }

    /**
     * Every card names the version and the ledger records it, so it is a MAJOR.MINOR.PATCH string: YAML reads
     * {@code 2.10} as the number 2.1, and a tab would break the ledger's line.
     */
    private static Optional<RuleProblem> versionProblem(String text, String version) {
        JsonNode node = YAML.readTree(text).get("version");
        if (node.isString() && VersionLedger.isVersion(version)) {
            return Optional.empty();
        }
        YamlKeys.Places places = YamlKeys.places(YAML, text);
        return Optional.of(error(RuleSetSource.CONFIG_FILE, places.line("/version"), places.column("/version"),
                "'version' is " + node + ": write MAJOR.MINOR.PATCH, e.g. 2.10.0 (YAML reads 2.10 as the number 2.1)"));
    }

    static ServiceCatalog readServices(RuleSetSource source, List<RuleProblem> problems) {
        String text = source.text(RuleSetSource.SERVICES_FILE);
        if (text == null) {
            problems.add(error(RuleSetSource.SERVICES_FILE, 0, 0, "missing: the rule set needs services.yaml declaring its services"));
            return null;
        }
        try {
            List<RuleProblem> keys = YamlKeys.unknown(SERVICES_YAML, RuleSetSource.SERVICES_FILE, text, ServicesFile.class);
            if (!keys.isEmpty()) {
                problems.addAll(keys);
                return null;
            }
            ServicesFile file = SERVICES_YAML.readValue(text, ServicesFile.class);
            YamlKeys.Places places = YamlKeys.places(SERVICES_YAML, text);
            List<OverrideReason> defaults = OverrideReasons.read(file.overrideReasons(), "the default overrideReasons",
                    places.line("/overrideReasons"), problems);
            List<ServiceDefinition> services = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<ServiceEntry> entries = file.services() == null ? List.of() : file.services();
            for (int i = 0; i < entries.size(); i++) {
                ServiceEntry e = entries.get(i);
                ServiceProblems at = new ServiceProblems(e.id(), "/services/" + i, places, text, problems);
                checkService(e, ids, at);
                List<OverrideReason> reasons = e.overrideReasons() == null ? defaults
                        : OverrideReasons.read(e.overrideReasons(), "service '" + e.id() + "' overrideReasons",
                        places.line(at.pointer() + "/overrideReasons"), problems);
                services.add(new ServiceDefinition(e.id(), e.hook(), e.title(), e.description(), e.usageRequirements(),
                        e.prefetch(), e.rules() == null ? List.of() : e.rules(), reasons));
            }
            return new ServiceCatalog(services);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            problems.add(yamlProblem(RuleSetSource.SERVICES_FILE, e));
            return null;
        }
    }

    /** The problems of one service, each at the value it is about ({@code /hook}), or else at the service. */
    private record ServiceProblems(String id, String pointer, YamlKeys.Places places, String text, List<RuleProblem> problems) {

        void add(String field, String message) {
            String at = places.byPointer().containsKey(pointer + field) ? pointer + field : pointer;
            problems.add(error(RuleSetSource.SERVICES_FILE, places.line(at), places.column(at), message));
        }
    }

    private static void checkService(ServiceEntry e, Set<String> ids, ServiceProblems at) {
        if (blank(e.id())) {
            at.add("", "a service needs an 'id'");
        } else if (!e.id().matches("[A-Za-z0-9._-]+")) {
            at.add("/id", "service id '" + e.id() + "' may use only letters, digits, '.', '_' and '-'");
        } else if (!ids.add(e.id())) {
            at.add("/id", "duplicate service id '" + e.id() + "'");
        }
        if (!HOOKS.contains(String.valueOf(e.hook()))) {
            List<String> hooks = HOOKS.stream().sorted().toList();
            at.add("/hook", "service '" + e.id() + "': " + (e.hook() == null ? "needs a 'hook'"
                    : "unknown hook '" + e.hook() + "'" + ConfigKeys.closest(e.hook(), hooks)
                    .map(h -> " (did you mean '" + h + "'?)").orElse("")) + "; the hooks are " + String.join(", ", hooks));
        }
        if (blank(e.description())) {
            at.add("", "service '" + e.id() + "' needs a 'description'");
        }
        if (e.rules() == null || e.rules().isEmpty()) {
            at.add("", "service '" + e.id() + "' needs 'rules': the DRL packages it runs");
        } else {
            for (int i = 0; i < e.rules().size(); i++) {
                checkPackageName(e.rules().get(i), at.pointer() + "/rules/" + i, at);
            }
        }
    }

    /**
     * A list item indented further than the one above it continues that item's text: "a - b" is one name. The error
     * stands at the indented item's '-', where the author has to look.
     */
    private static void checkPackageName(String name, String pointer, ServiceProblems at) {
        if (isPackageName(name)) {
            return;
        }
        String message = "service '" + at.id() + "': rule package '" + name + "' is not a package name";
        int dash = String.valueOf(name).indexOf(" - ");
        int line = dash < 0 ? 0 : lineStarting(at.text(), at.places().line(pointer), "- " + name.substring(dash + 3).split(" ")[0]);
        if (line == 0) {
            at.problems().add(error(RuleSetSource.SERVICES_FILE, at.places().line(pointer), at.places().column(pointer), message));
            return;
        }
        at.problems().add(error(RuleSetSource.SERVICES_FILE, line, columnOf(at.text(), line, "- "), message + ": this '-'"
                + " is indented more than the item above it, so YAML reads it as the rest of that item; put it under"
                + " the '-' above"));
    }

    /** Whether a service's rule package is a Java package name ({@code org.allcds.rules.risk}). */
    static boolean isPackageName(String name) {
        return name != null && name.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    }

    /** 1-based line after {@code after} whose text starts with {@code prefix} once indented, or 0. */
    private static int lineStarting(String text, int after, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(prefix)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** 1-based line of the first line containing {@code needle}, or 1. */
    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 1;
    }

    /** 1-based column of {@code needle} on {@code line}, or 1: a problem with a value points at the value. */
    static int columnOf(String text, int line, String needle) {
        String[] lines = text.split("\n", -1);
        int at = line < 1 || line > lines.length ? -1 : lines[line - 1].indexOf(needle);
        return Math.max(at, 0) + 1;
    }

    static RuleProblem yamlProblem(String file, RuntimeException e) {
        if (e instanceof JacksonException je && je.getLocation() != null) {
            TokenStreamLocation at = je.getLocation();
            return error(file, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1), je.getOriginalMessage());
        }
        return error(file, 1, 1, String.valueOf(e.getMessage()));
    }

    static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, RuleProblem.Severity.ERROR, message);
    }
}
