package org.allcds.authoring;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSet;
import org.allcds.facts.EvaluationTime;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.system.EvaluationAssembly;

/**
 * {@code cards <folder-of-requests> --html out.html [--rules DIR]}: renders the cards of every CDS Hooks request (or
 * FHIR Bundle) in a folder as an EHR shows them, into one HTML page for reviewers. A file whose name starts with a
 * service id (e.g. {@code ped-all-risk-example-a.json}) is sent to that service, any other to every service of its
 * request's hook (a Bundle: every patient-view service, as an EHR opening the chart would).
 */
final class CardsCommand {

    static final String TITLE = "ALL-CDS card gallery";

    /** The command line. */
    record Options(Path folder, Path html, Path rules) {

        static Options parse(List<String> args) {
            Path folder = null;
            Path html = null;
            Path rules = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--html" -> html = Path.of(EvalCommand.Options.value(args, ++i, arg));
                    case "--rules" -> rules = AuthoringCli.folder(EvalCommand.Options.value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--") || folder != null) {
                            throw new AuthoringCli.UsageException("unexpected argument '" + arg + "'");
                        }
                        folder = AuthoringCli.folder(arg);
                    }
                }
            }
            if (folder == null || html == null) {
                throw new AuthoringCli.UsageException("cards needs a folder of requests and --html <out.html>");
            }
            return new Options(folder, html, rules);
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    CardsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Options options) {
        RuleCompiler.Result compiled = EvalCommand.compileRules(options.rules(), err, LintCommand::tryOut);
        compiled.problems().forEach(out::println);
        if (!compiled.ok()) {
            out.println("The rule set " + compiled.refusal() + "; no cards were rendered.");
            return AuthoringCli.FAILED;
        }
        RuleSet ruleSet = compiled.ruleSet();
        try {
            String page = gallery(ruleSet, requests(options.folder()), draft(compiled.problems()));
            Files.writeString(options.html(), page);
            out.println("Wrote " + options.html());
            return AuthoringCli.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ruleSet.retire();
        }
    }

    /**
     * What the page says of a rule set that lint would refuse (a change under a recorded version): the cards can be
     * reviewed as a draft, but the version they name does not stand for them yet. Empty for a recorded rule set.
     */
    static String draft(List<RuleProblem> problems) {
        long refused = problems.stream().filter(EvaluationAssembly::refusedElsewhere).count();
        return refused == 0 ? "" : "Draft, not for sign-off: the rules changed since this version was recorded ("
                + LintCommand.plural(refused, "problem") + " that lint refuses), so its cards may differ from any"
                + " released version's.";
    }

    /** The gallery page of a recorded rule set for the given request files, in the order given. */
    static String gallery(RuleSet ruleSet, List<Path> requests) {
        return gallery(ruleSet, requests, "");
    }

    /** The gallery page for the given request files, in the order given; {@code draft} from {@link #draft}. */
    private static String gallery(RuleSet ruleSet, List<Path> requests, String draft) {
        List<CardGallery.Entry> entries = new ArrayList<>();
        PatientEvaluator evaluator = EvaluationAssembly.standalone();
        for (Path file : requests) {
            EvalInput input = EvalInput.read(file);
            EvaluationTime now = EvalCommand.evaluationTime(null, input.extension(), evaluator.zone());
            for (EvalCommand.ServiceResult r : EvalCommand.respond(evaluator, ruleSet, services(ruleSet, file, input),
                    input, now)) {
                if (!r.answered()) {
                    throw new AuthoringCli.InputException("'" + file + "': service " + r.service().id() + " answers "
                            + r.status() + ": " + r.failure());
                }
                entries.add(new CardGallery.Entry(file.getFileName().toString(), r.service().id(), now.asGiven(),
                        r.result().cards()));
            }
        }
        return CardGallery.page(TITLE, "Rule set " + ruleSet.version(), draft, entries);
    }

    private static List<ServiceDefinition> services(RuleSet ruleSet, Path file, EvalInput input) {
        String name = file.getFileName().toString();
        return ruleSet.services().services().stream().filter(s -> name.startsWith(s.id() + "-")).findFirst()
                .map(List::of).orElseGet(() -> EvalCommand.services(ruleSet, null, input));
    }

    static List<Path> requests(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
