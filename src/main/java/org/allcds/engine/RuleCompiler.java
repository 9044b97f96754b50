package org.allcds.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.allcds.catalog.ServiceCatalog;
import org.allcds.catalog.ServiceDefinition;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a {@link RuleSetSource} into a {@link RuleSet}. Each build gets its own ReleaseId (build number as the
 * artifact, version and content hash) so builds never collide in the KieRepository. A rule set loads only when it compiles without error,
 * every rule carries {@code @id}, {@code @version} and {@code @source}, no two rules share an id, rules keep the
 * salience convention ({@link SalienceConvention}), no string names a missing enum constant ({@link EnumLiteralCheck}),
 * every finding literal is in the {@link FindingVocabulary} ({@link FindingVocabularyCheck}) and every service names
 * rule packages that exist.
 */
public final class RuleCompiler {

    /** Metadata every rule must carry; {@code @part} distinguishes several DRL rules implementing one catalogue id. */
    static final List<String> REQUIRED_METADATA = List.of("id", "version", "source");
    /** How far below {@code rule "…"} its metadata is looked for. */
    private static final int METADATA_LINES = 10;
    private static final Pattern LEADING_RULE_ID = Pattern.compile("\\s*R-[A-Z]+(?:-[A-Z0-9]+)+\\b");

    private static final AtomicLong BUILDS = new AtomicLong();
    private static final Comparator<RuleProblem> ORDER = Comparator.comparing(RuleProblem::file)
            .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column);

    private final Clock clock;
    private final PrecompiledRules precompiled;

    /** A compiler that takes the rule set precompiled into the jar for a folder with the same rules. */
    public RuleCompiler(Clock clock) {
        this(clock, PrecompiledRules.bundled());
    }

    RuleCompiler(Clock clock, PrecompiledRules precompiled) {
        this.clock = clock;
        this.precompiled = precompiled;
    }

    /**
     * The outcome of a build: the rule set when it loads (null otherwise), and every problem found, warnings included;
     * {@code compiled} when the compiler built the rules, though a further check may have refused them.
     */
    public record Result(RuleSet ruleSet, List<RuleProblem> problems, boolean compiled) {

        public Result(RuleSet ruleSet, List<RuleProblem> problems) {
            this(ruleSet, problems, ruleSet != null);
        }

        public boolean ok() { return ruleSet != null; }

        public List<RuleProblem> errors() { return problems.stream().filter(RuleProblem::isError).toList(); }

        /** Why the set did not load: "does not compile (2 errors)", or "is refused (1 error)" where it compiled. */
        public String refusal() {
            int errors = errors().size();
            return (compiled ? "is refused" : "does not compile") + " (" + errors + (errors == 1 ? " error)" : " errors)");
        }
    }

    public Result compile(RuleSetSource source) {
        return compile(source, null);
    }

    /**
     * As {@link #compile(RuleSetSource)}, reusing {@code reusable}'s build when the DRL files are the same and keeping a
     * new build there otherwise (the reloader's last build; see {@link ReusableBuild}).
     */
    Result compile(RuleSetSource source, ReusableBuild reusable) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSetFiles.Manifest manifest = RuleSetFiles.readManifest(source, problems);
        ServiceCatalog services = RuleSetFiles.readServices(source, problems);
        FindingVocabulary vocabulary = FindingVocabulary.read(source, problems);
        DrlLocator locator = new DrlLocator(source.drlFiles());
        String version = manifest == null ? "0.0.0" : manifest.version();

        // a findings.yaml with an error declares none of its types: each use of one would only follow from that error
        boolean vocabularyRead = problems.stream().noneMatch(p -> p.isError() && p.file().equals(RuleSetSource.FINDINGS_FILE));
        BesideTheBuild<TextChecks> textChecks = BesideTheBuild.start("rule-text-checks",
                () -> TextChecks.of(source.drlFiles(), vocabularyRead ? vocabulary : null, services));
        Built built = precompiled.load(source.hash()).orElseGet(() -> buildOrReuse(source, version, locator, reusable));
        problems.addAll(built.problems());
        if (built.kieBase() == null) {
            return new Result(null, sorted(withoutParseCascade(problems)));
        }
        List<RuleInfo> catalogue = catalogue(built.kieBase(), locator, problems);
        TextChecks text = textChecks.join();
        problems.addAll(text.salience());
        problems.addAll(EnumLiteralCheck.check(source.drlFiles(), built.kieBase(), ClassPathLookups.APPLICATION));
        problems.addAll(text.findings());
        problems.addAll(text.layout());
        checkServices(services, built.kieBase(), source, problems);
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            built.dispose().run();
            return new Result(null, sorted(problems));
        }
        RuleSet ruleSet = new RuleSet(built, version, source.hash(), clock.instant(), catalogue, services,
                manifest.config(), vocabulary);
        return new Result(ruleSet, sorted(problems));
    }

    /** The checks of the DRL text alone, which run beside the build; {@code vocabulary} null skips the findings checks. */
    private record TextChecks(List<RuleProblem> salience, List<RuleProblem> findings, List<RuleProblem> layout) {

        static TextChecks of(Map<String, String> drlFiles, FindingVocabulary vocabulary, ServiceCatalog services) {
            List<RuleProblem> findings = new ArrayList<>();
            if (vocabulary != null) {
                findings.addAll(FindingVocabularyCheck.check(drlFiles, vocabulary));
                findings.addAll(FindingTypeCheck.check(drlFiles, vocabulary));
            }
            return new TextChecks(SalienceConvention.check(drlFiles), findings, RuleSetLayout.check(drlFiles, services));
        }
    }

    /**
     * A KieBase and the problems of building it (no KieBase when the DRL has errors); {@code dispose} releases it.
     * The ReleaseId is null for a KieBase that is not in the KieRepository (the precompiled rule set).
     */
    record Built(ReleaseId releaseId, KieBase kieBase, Runnable dispose, List<RuleProblem> problems) {
    }

    private static Built buildOrReuse(RuleSetSource source, String version, DrlLocator locator, ReusableBuild reusable) {
        if (reusable == null) {
            return build(source, version, locator);
        }
        Built reused = reusable.reuse(source.drlFiles());
        if (reused != null) {
            return reused;
        }
        Built built = build(source, version, locator);
        return built.kieBase() == null ? built : reusable.keep(source.drlFiles(), built);
    }

    /** Compiles the DRL in a KieModule of its own. */
    private static Built build(RuleSetSource source, String version, DrlLocator locator) {
        KieServices ks = KieServices.Factory.get();
        // An artifact of its own per build: Drools' repository keeps at most 10 versions of one artifact and drops the
        // oldest beyond that, so builds sharing one would lose a live rule set's module when many compile at once.
        ReleaseId releaseId = ks.newReleaseId("org.allcds", "rules-b" + BUILDS.incrementAndGet(),
                version + "-" + source.shortHash());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> authorPaths = new HashMap<>();
        source.drlFiles().forEach((path, text) -> {
            String kiePath = DroolsMessages.kiePath(path, text);
            authorPaths.put(DroolsMessages.relativePath(kiePath), path);
            kfs.write(kiePath, text);
        });

        ClassLoader loader = ClassPathLookups.APPLICATION;
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR, Message.Level.WARNING)) {
            RuleProblem p = DroolsMessages.toProblem(m, locator, authorPaths);
            if (p != null) {
                problems.add(p);
                Optional.ofNullable(DroolsMessages.missingEndHint(p, locator)).ifPresent(problems::add);
            }
        }
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            ks.getRepository().removeKieModule(releaseId);
            return new Built(releaseId, null, () -> { }, problems);
        }
        KieContainer container = ks.newKieContainer(releaseId, loader);
        return new Built(releaseId, container.newKieBase(KieBaseSettings.whole(loader)), () -> {
            container.dispose();
            ks.getRepository().removeKieModule(releaseId);
        }, List.copyOf(problems));
    }

    private static List<RuleInfo> catalogue(KieBase kieBase, DrlLocator locator, List<RuleProblem> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        Map<String, RuleInfo> byId = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                DrlLocator.Position at = locator.ruleStart(pkg.getName(), rule.getName());
                String file = at == null ? "" : at.file();
                int line = at == null ? 0 : at.line();
                int column = at == null ? 0 : at.column();
                Map<String, Object> meta = rule.getMetaData();
                List<String> absent = REQUIRED_METADATA.stream().filter(k -> text(meta, k) == null).toList();
                if (!absent.isEmpty()) {
                    problems.add(RuleSetFiles.error(file, line, column, "rule \"" + rule.getName() + "\" has no "
                            + absent.stream().map(k -> "@" + k).collect(Collectors.joining(", "))
                            + "; every rule needs @id, @version and @source"));
                    continue;
                }
                RuleInfo info = new RuleInfo(text(meta, "id"), text(meta, "version"), text(meta, "source"),
                        text(meta, "url"), text(meta, "description"), rule.getName(), pkg.getName(), file);
                sourceNamedByRuleId(info, line, column).ifPresent(problems::add);
                idNotStartingName(info, locator, at).ifPresent(problems::add);
                String key = info.id() + "#" + String.valueOf(text(meta, "part"));
                RuleInfo twin = byId.putIfAbsent(key, info);
                if (twin != null) {
                    problems.add(RuleSetFiles.error(file, line, column, "duplicate rule id " + info.id()
                            + (text(meta, "part") == null ? "" : " part " + text(meta, "part"))
                            + ": also used by rule \"" + twin.name() + "\" in " + twin.file()
                            + " (give each rule its own @id, or a distinct @part)"));
                    continue;
                }
                rules.add(info);
            }
        }
        rules.sort(RuleInfo.ORDER);
        return rules;
    }

    /**
     * The rule name starts with its {@code @id} (rules/README §3): authors find a rule by it, and a misspelt id
     * ({@code @id("R-DX-5")} on "R-DX-05 …") put the rule under another catalogue row, on cards and in the catalogue.
     */
    private static Optional<RuleProblem> idNotStartingName(RuleInfo rule, DrlLocator locator, DrlLocator.Position start) {
        if (rule.name().equals(rule.id()) || rule.name().startsWith(rule.id() + " ")) {
            return Optional.empty();
        }
        DrlLocator.Position id = start == null ? null : locator.find(start.file(), start.line(), "@id", METADATA_LINES);
        DrlLocator.Position at = id != null ? id : start != null ? start : new DrlLocator.Position(rule.file(), 0, 0);
        return Optional.of(RuleSetFiles.error(at.file(), at.line(), at.column(),
                "@id \"" + rule.id() + "\" does not start the rule name \"" + rule.name() + "\""));
    }

    /**
     * Cards name a rule's source by its first words, so a source that starts with another rule's id ("R-DX-15: FDA
     * label") shows that id as the source ("R-ORD-BLIN-01 (R-DX-15)") and the id twice on a card.
     */
    private static Optional<RuleProblem> sourceNamedByRuleId(RuleInfo rule, int line, int column) {
        Matcher leading = LEADING_RULE_ID.matcher(rule.source());
        if (!leading.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new RuleProblem(rule.file(), line, column, RuleProblem.Severity.WARNING, "rule \"" + rule.name()
                + "\": @source starts with the rule id " + leading.group() + "; cards name a source by its first words:"
                + " start with the citation (e.g. \"FDA BLINCYTO label\") and name the catalogue row after it"));
    }

    private static void checkServices(ServiceCatalog services, KieBase kieBase, RuleSetSource source, List<RuleProblem> problems) {
        if (services == null) {
            return;
        }
        Set<String> packages = kieBase.getKiePackages().stream()
                .filter(p -> !p.getRules().isEmpty()).map(KiePackage::getName).collect(Collectors.toSet());
        String text = source.text(RuleSetSource.SERVICES_FILE);
        for (ServiceDefinition s : services.services()) {
            for (String pkg : s.rulePackages()) {
                if (!packages.contains(pkg) && RuleSetFiles.isPackageName(pkg)) { // else reported where it is read
                    int line = RuleSetFiles.lineOf(text, pkg);
                    problems.add(RuleSetFiles.error(RuleSetSource.SERVICES_FILE, line, RuleSetFiles.columnOf(text, line, pkg),
                            "service '" + s.id() + "' names rule package '" + pkg + "', which has no rules"));
                }
            }
        }
    }

    /** Said once, on the first syntax error, when errors in other rule files were left out because of it. */
    static final String CASCADE_NOTE = " (errors in other rule files are not reported until this is fixed: they may"
            + " only follow from it)";

    /**
     * A syntax error stops Drools from building the declared types ({@code declare}) of the whole rule set, so every
     * other file that uses one reports "Unable to resolve ObjectType". Those are consequences, not the author's
     * mistakes: while a file has a syntax error, only the DRL files with syntax errors are reported, and the first
     * syntax error says that others were left out. Errors in the YAML files do not depend on the DRL and stay.
     */
    static List<RuleProblem> withoutParseCascade(List<RuleProblem> problems) {
        Set<String> broken = problems.stream().filter(RuleCompiler::isSyntaxError)
                .map(RuleProblem::file).collect(Collectors.toSet());
        List<RuleProblem> kept = problems.stream()
                .filter(p -> !p.isError() || !p.file().endsWith(".drl") || broken.contains(p.file())).toList();
        if (broken.isEmpty() || kept.size() == problems.size()) {
            return problems;
        }
        RuleProblem first = kept.stream().filter(RuleCompiler::isSyntaxError).min(ORDER).orElseThrow();
        return kept.stream().map(p -> p != first ? p : new RuleProblem(p.file(), p.line(), p.column(), p.severity(),
                p.message() + CASCADE_NOTE)).toList();
    }

    private static boolean isSyntaxError(RuleProblem p) {
        return p.isError() && p.message().contains("[ERR ");
    }

    private static String text(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.isBlank() ? null : s;
    }

    private static List<RuleProblem> sorted(List<RuleProblem> problems) {
        List<RuleProblem> copy = new ArrayList<>(problems);
        copy.sort(ORDER);
        return List.copyOf(copy);
    }
}
