package org.allcds.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.ClinicalInput;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.core.impl.InternalRuleBase;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled rule set compiled at build time: its Drools packages (with the generated classes of consequences and
 * declared types) serialised into the jar, so that serving, testing or linting the bundled rules skips parsing DRL and
 * compiling Java (most of the CPU of start-up and of the author commands). It is used only for a folder whose content
 * hash is the one it was built from, and only by the fact classes it was built against; any other folder, and any
 * edited rule, compiles as before.
 */
public final class PrecompiledRules {

    /** Written at build time into the jar's classes (see the pom), next to the bundled rule folder. */
    static final String RESOURCE = "allcds-rules.kbase";
    private static final String MAGIC = "allcds-precompiled-rules";
    private static final int FORMAT = 1;
    /** The classes compiled rules call into: rules built against other versions of them must not be loaded. */
    private static final String FACT_CLASSES = "org/allcds/facts/**/*.class";

    private static final Logger log = LoggerFactory.getLogger(PrecompiledRules.class);

    /** Where the serialised form is read from: the jar's resource, or nothing. */
    private final ResourceOpener opener;

    PrecompiledRules(ResourceOpener opener) {
        this.opener = opener;
    }

    /** The rule set precompiled into the jar (none when the build did not write it). */
    public static PrecompiledRules bundled() {
        return new PrecompiledRules(() -> PrecompiledRules.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** No precompiled rule set: every folder compiles. */
    public static PrecompiledRules none() {
        return new PrecompiledRules(() -> null);
    }

    /** Opens the serialised rule set, or returns null when there is none. */
    @FunctionalInterface
    interface ResourceOpener {
        InputStream open() throws IOException;
    }

    /**
     * The rule set with this content hash as built at build time, with the build's warnings, or empty when there is no
     * precompiled set, it was built from other rules or against other fact classes, or it cannot be read (then the
     * caller compiles, which is always correct, only slower).
     */
    Optional<RuleCompiler.Built> load(String rulesHash) {
        try (InputStream raw = opener.open()) {
            if (raw == null) {
                return Optional.empty();
            }
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            DataInputStream header = new DataInputStream(buffered);
            if (!MAGIC.equals(header.readUTF()) || header.readInt() != FORMAT || !rulesHash.equals(header.readUTF())
                    || !codeDigest().equals(header.readUTF())) {
                return Optional.empty();
            }
            List<RuleProblem> problems = readProblems(header);
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieBaseSettings.whole(ClassPathLookups.APPLICATION));
            ProjectClassLoader classes = (ProjectClassLoader) ((InternalRuleBase) kieBase).getRootClassLoader();
            try (DroolsObjectInputStream in = new DroolsObjectInputStream(buffered, classes)) {
                // declared types first: the packages' patterns name them as they are read
                @SuppressWarnings("unchecked") Map<String, byte[]> declared = (Map<String, byte[]>) in.readObject();
                classes.storeClasses(declared);
                @SuppressWarnings("unchecked") Collection<KiePackage> packages = (Collection<KiePackage>) in.readObject();
                kieBase.addPackages(packages);
            }
            return Optional.of(new RuleCompiler.Built(null, kieBase, () -> { }, problems));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            log.warn("The precompiled rule set cannot be read ({}); compiling the rules instead", e.toString());
            return Optional.empty();
        }
    }

    /** Writes a rule set built from rules with {@code rulesHash}, with the warnings of its build. */
    static void write(KieBase kieBase, String rulesHash, List<RuleProblem> problems, OutputStream target) throws IOException {
        write(kieBase, rulesHash, codeDigest(), problems, target);
    }

    /** As above, stating the code digest (tests write one of other fact classes). */
    static void write(KieBase kieBase, String rulesHash, String codeDigest, List<RuleProblem> problems,
                      OutputStream target) throws IOException {
        DataOutputStream header = new DataOutputStream(target);
        header.writeUTF(MAGIC);
        header.writeInt(FORMAT);
        header.writeUTF(rulesHash);
        header.writeUTF(codeDigest);
        writeProblems(header, problems);
        header.flush();
        DroolsObjectOutputStream out = new DroolsObjectOutputStream(target);
        ProjectClassLoader classes = (ProjectClassLoader) ((InternalRuleBase) kieBase).getRootClassLoader();
        out.writeObject(classes.getStore() == null ? new HashMap<String, byte[]>() : new HashMap<>(classes.getStore()));
        out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
        out.flush();
    }

    private static void writeProblems(DataOutputStream out, List<RuleProblem> problems) throws IOException {
        out.writeInt(problems.size());
        for (RuleProblem p : problems) {
            out.writeUTF(p.file());
            out.writeInt(p.line());
            out.writeInt(p.column());
            out.writeUTF(p.severity().name());
            out.writeUTF(p.message());
        }
    }

    private static List<RuleProblem> readProblems(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<RuleProblem> problems = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            problems.add(new RuleProblem(in.readUTF(), in.readInt(), in.readInt(),
                    RuleProblem.Severity.valueOf(in.readUTF()), in.readUTF()));
        }
        return problems;
    }

    /** SHA-256 over the fact classes' bytes and the Drools version: what the compiled rules were linked against. */
    static String codeDigest() {
        return codeDigest(PrecompiledRules.class.getClassLoader());
    }

    /**
     * As above, over the fact classes that {@code loader} finds in the class-path root holding {@link ClinicalInput}:
     * classes of the same package in another root (the tests of {@code org.allcds.facts}) are not what rules link
     * against, and counting them made every test JVM compile the bundled rules instead of loading them.
     */
    static String codeDigest(ClassLoader loader) {
        return ClassPathDigest.of(loader, ClinicalInput.class,
                String.valueOf(KieServices.class.getPackage().getImplementationVersion()), FACT_CLASSES);
    }

    /** Without Spring's set-up Logback logs at DEBUG; the build shows only what goes wrong. */
    private static void quietBuildLog() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        if (LoggerFactory.getLogger("org.drools") instanceof ch.qos.logback.classic.Logger drools) {
            drools.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /**
     * Build step ({@code pom.xml}, phase process-classes): compiles {@code args[0]} (the repository's rules) and writes
     * the result to {@code args[1]}. A rule set that does not compile fails the build.
     */
    public static void main(String[] args) throws IOException {
        quietBuildLog();
        RuleSetSource source = RuleSetSource.read(Path.of(args[0]));
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC(), none()).compile(source);
        if (!result.ok()) {
            result.problems().forEach(System.err::println);
            System.exit(1);
        }
        RuleSet ruleSet = result.ruleSet();
        Path target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            write(ruleSet.kieBase(), source.hash(), ruleSet.buildProblems(), out);
        }
        ruleSet.retire();
        System.out.println("Precompiled rule set " + source.shortHash() + ": " + ruleSet.rules().size() + " rules, "
                + Files.size(target) / 1024 + " KiB");
        System.exit(0);
    }
}
