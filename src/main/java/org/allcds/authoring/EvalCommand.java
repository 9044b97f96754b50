package org.allcds.authoring;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.BundledRules;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.RuleEvaluationException;
import org.allcds.engine.RuleSet;
import org.allcds.engine.ServiceBuild;
import org.allcds.errors.CdsException;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.OperationOutcomeBody;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.CdsRequest;
import org.allcds.mapping.CalendarZone;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.HookPipeline;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.system.EvaluationAssembly;
import org.allcds.web.CdsRequestReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval <bundle-or-request.json>}: runs services on a patient as the service would (mapping, rules, cards) and
 * prints one JSON document: per service, the response exactly as the service returns it, and the rules that fired.
 */
final class EvalCommand {

    static final String DEFAULT_HOOK = "patient-view";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The command line: the input file, and optionally the service, the evaluation time and the rules folder. */
    record Options(Path input, String service, String at, Path rules) {

        static Options parse(List<String> args) {
            Path input = null;
            String service = null;
            String at = null;
            Path rules = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--service" -> service = value(args, ++i, arg);
                    case "--at" -> at = value(args, ++i, arg);
                    case "--rules" -> rules = AuthoringCli.folder(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--") || input != null) {
                            throw new AuthoringCli.UsageException("unexpected argument '" + arg + "'");
                        }
                        input = Path.of(arg);
                    }
                }
            }
            if (input == null) {
                throw new AuthoringCli.UsageException("eval needs a FHIR Bundle or CDS Hooks request file");
            }
            if (!Files.isRegularFile(input)) {
                throw new AuthoringCli.UsageException("'" + input + "' is not a file");
            }
            return new Options(input, service, at, rules);
        }

        /** The value after an option, or a usage error naming the option. */
        static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new AuthoringCli.UsageException(option + " needs a value");
            }
            return args.get(i);
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Options options) {
        EvalInput input = EvalInput.read(options.input());
        RuleCompiler.Result compiled = compileRules(options.rules(), err, LintCommand::tryOut);
        if (!compiled.ok()) {
            compiled.problems().forEach(out::println);
            out.println("The rule set " + compiled.refusal() + "; nothing was evaluated.");
            return AuthoringCli.FAILED;
        }
        compiled.problems().forEach(err::println); // warnings: stdout carries only the result
        RuleSet ruleSet = compiled.ruleSet();
        try {
            List<ServiceDefinition> services = services(ruleSet, options.service(), input);
            PatientEvaluator evaluator = EvaluationAssembly.standalone();
            EvaluationTime now = evaluationTime(options.at(), input.extension(), evaluator.zone());
            List<ServiceResult> results = respond(evaluator, ruleSet, services, input, now);
            out.println(JSON.writeValueAsString(document(ruleSet, results, now)));
            // as the service: a refusal or a rule's fault is printed as its OperationOutcome, and the command fails
            results.stream().filter(r -> r.fault() != null).forEach(r ->
                    err.println("service " + r.service().id() + " answers 500: " + r.failure()));
            return results.stream().allMatch(ServiceResult::answered) ? AuthoringCli.OK : AuthoringCli.FAILED;
        } finally {
            ruleSet.retire();
        }
    }

    /**
     * Compiles with {@code compile} (lint's checks, or their try-out for eval) the given folder, else {@code ./rules},
     * else the bundled rule set, whose unpacked copy is deleted at once; says which on {@code err} (stdout carries only
     * the result), since run from another folder the bundled rules would answer without a word.
     */
    static RuleCompiler.Result compileRules(Path rules, PrintStream err, Function<Path, RuleCompiler.Result> compile) {
        return compileRules(rules, Path.of("rules"), err, compile);
    }

    /** As above, with {@code local} for {@code ./rules}. */
    static RuleCompiler.Result compileRules(Path rules, Path local, PrintStream err,
                                            Function<Path, RuleCompiler.Result> compile) {
        if (rules != null || Files.isDirectory(local)) {
            Path folder = rules != null ? rules : local;
            err.println("Rules: the folder '" + folder + "'");
            return compile.apply(folder);
        }
        err.println("Rules: the rule set bundled in the jar (there is no ./rules here; --rules DIR names a folder)");
        Path unpacked = BundledRules.unpack();
        try {
            return compile.apply(unpacked);
        } finally {
            BundledRules.delete(unpacked);
        }
    }

    /**
     * One service's answer for the patient: what the service would return and the rules that fired; or, where the
     * service would refuse the data ({@code refusal}: a 400 for a prefetch that is not the patient in context, for
     * one), that refusal; or, where a rule failed while firing ({@code fault}), the service's 500, and for the author
     * the rule that failed. No result in either case.
     */
    record ServiceResult(ServiceDefinition service, PatientEvaluator.Result result, CdsException refusal,
                         RuleEvaluationException fault) {

        int status() {
            return fault != null ? 500 : refusal != null ? refusal.status() : 200;
        }

        Object response() {
            return fault != null ? OperationOutcomeBody.internalError()
                    : refusal != null ? refusal.toOperationOutcome() : result.response();
        }

        boolean answered() {
            return result != null;
        }

        /** Why there is no result, in one line for the author: the refusal's diagnostics or the failing rule. */
        String failure() {
            return fault != null ? fault.getMessage() : refusal.diagnostics();
        }
    }

    /** Runs each service on the patient through the one evaluation component, as the service would. */
    static List<ServiceResult> respond(PatientEvaluator evaluator, RuleSet ruleSet, List<ServiceDefinition> services,
                                       EvalInput input, EvaluationTime now) {
        return services.stream().map(service -> {
            try {
                if (input.request() != null) {
                    // the service's own checks of the request, before any data is read: the same 400s
                    HookPipeline.checkHook(service, CdsRequestReader.read(input.request()));
                    LocalPrefetch.requireTemplateTypes(service.prefetch(), input.prefetched());
                }
                return new ServiceResult(service, evaluator.evaluate(ruleSet, service,
                        new PatientEvaluator.Input(input.data(), now, input.patientId(), input.context())), null, null);
            } catch (CdsException refused) {
                return new ServiceResult(service, null, refused, null);
            } catch (RuleEvaluationException fault) {
                return new ServiceResult(service, null, null, fault);
            }
        }).toList();
    }

    private static Map<String, Object> document(RuleSet ruleSet, List<ServiceResult> answers, EvaluationTime now) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (ServiceResult r : answers) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("service", r.service().id());
            view.put("status", r.status());
            view.put("response", r.response());
            view.put("rulesFired", !r.answered() ? List.of()
                    : r.result().firedRules().stream().map(rule -> firedRule(ruleSet, rule)).toList());
            if (r.fault() != null) {
                view.put("ruleFault", r.fault().getMessage());
            }
            results.add(view);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> ruleSetView = new LinkedHashMap<>();
        ruleSetView.put("version", ruleSet.version());
        ruleSetView.put("hash", ruleSet.hash());
        document.put("ruleSet", ruleSetView);
        document.put("serviceBuild", ServiceBuild.current());
        document.put("evaluationTime", now.asGiven());
        document.put("services", results);
        return document;
    }

    private static Map<String, Object> firedRule(RuleSet ruleSet, RuleInfo rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", rule.id());
        String part = ruleSet.metadata(rule, "part");
        if (part != null) {
            view.put("part", part);
        }
        view.put("version", rule.version());
        view.put("name", rule.name());
        view.put("file", rule.file());
        return view;
    }

    /**
     * The service named, else every service of the request's hook (a patient-view request, or a FHIR resource: the
     * patient-view services), so that an order-sign request is not sent to services that would refuse its hook.
     */
    static List<ServiceDefinition> services(RuleSet ruleSet, String serviceId, EvalInput input) {
        if (serviceId != null) {
            return List.of(ruleSet.services().find(serviceId).orElseThrow(() -> new AuthoringCli.UsageException(
                    "no service '" + serviceId + "' in services.yaml")));
        }
        String hook = input.request() != null && input.request().path("hook").isString()
                ? input.request().get("hook").asString() : DEFAULT_HOOK;
        List<ServiceDefinition> services = ruleSet.services().services().stream()
                .filter(s -> s.hook().equals(hook)).toList();
        if (services.isEmpty()) {
            throw new AuthoringCli.UsageException("no " + hook + " service in services.yaml; name one with --service");
        }
        return services;
    }

    /**
     * {@code --at}, else the request's {@code extension["org.allcds"].evaluationTime}, else today; a dateTime by its
     * calendar date in {@code zone}, as the service reads it.
     */
    static EvaluationTime evaluationTime(String at, ObjectNode requestExtension, CalendarZone zone) {
        ObjectNode extension = requestExtension;
        if (at != null) {
            extension = JsonNodeFactory.instance.objectNode();
            extension.putObject("org.allcds").put("evaluationTime", at);
        }
        CdsRequest request = new CdsRequest(DEFAULT_HOOK, "eval", null, null, JsonNodeFactory.instance.objectNode(),
                Map.of(), extension);
        try {
            return new EvaluationTimes(Clock.systemDefaultZone(), zone).of(request);
        } catch (InvalidCdsRequestException e) {
            throw new AuthoringCli.UsageException(at != null ? "--at '" + at + "' is not a FHIR date or dateTime" : e.diagnostics());
        }
    }
}
