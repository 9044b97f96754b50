import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetSource;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two builds' in-process hook call in one JVM, on one thread, in alternating rounds (see bench/call-ab.sh): each build
 * is loaded by a class loader of its own (its classes, its libraries), so both run on the same core at the same moments
 * and share whatever else the machine is doing.
 *
 * <p>{@code java -cp <harness> CallAb <build-a> <build-b> <warm-up calls> <rounds> <calls per round>}, where a build is a
 * folder holding {@code classes/}, {@code lib/} (the jar's libraries) and the {@code rules/} and
 * {@code fhir-profiles/requests/} it is measured on.
 */
public class CallAb {

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int perRound = Integer.parseInt(args[4]);
        Build[] builds = {new Build(args[0]), new Build(args[1])};
        for (int done = 0; done < warmUp; done += 100) {
            for (Build build : builds) {
                build.calls(100);
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<List<Double>> micros = List.of(new ArrayList<>(), new ArrayList<>());
        double[] kilobytes = new double[2];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int b = round % 2 == 0 ? turn : 1 - turn; // who goes first alternates too
                long cpu = threads.getCurrentThreadCpuTime();
                long allocated = threads.getThreadAllocatedBytes(thread);
                builds[b].calls(perRound);
                micros.get(b).add((threads.getCurrentThreadCpuTime() - cpu) / 1e3 / perRound);
                kilobytes[b] += (threads.getThreadAllocatedBytes(thread) - allocated) / 1024.0 / perRound / rounds;
            }
        }
        int bLower = 0;
        for (int round = 0; round < rounds; round++) {
            bLower += micros.get(1).get(round) < micros.get(0).get(round) ? 1 : 0;
        }
        for (int b = 0; b < 2; b++) {
            List<Double> sorted = new ArrayList<>(micros.get(b));
            Collections.sort(sorted);
            System.out.printf("%s  CPU per call: mean %.1f µs, median %.1f µs, lowest %.1f µs; allocated %.1f KB%n",
                    b == 0 ? "a" : "b", sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    sorted.get(sorted.size() / 2), sorted.get(0), kilobytes[b]);
        }
        System.out.printf("b below a in %d of %d rounds%n", bLower, rounds);
    }

    /** One build, loaded apart from the other: the driver reaches it by reflection only. */
    private static final class Build {
        private final ClassLoader loader;
        private final Object call;
        private final Method calls;

        Build(String folder) throws Exception {
            List<URL> path = new ArrayList<>();
            path.add(CallAb.class.getProtectionDomain().getCodeSource().getLocation());
            path.add(new File(folder, "classes").toURI().toURL());
            for (File jar : Objects.requireNonNull(new File(folder, "lib").listFiles())) {
                path.add(jar.toURI().toURL());
            }
            loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            // by name: the driver's own loader has no application classes to link Call against
            Class<?> type = Class.forName("CallAb$Call", true, loader);
            call = type.getConstructor(String.class).newInstance(folder);
            calls = type.getMethod("calls", int.class);
        }

        void calls(int count) throws Exception {
            // Drools finds its services through the context class loader: each build its own
            Thread.currentThread().setContextClassLoader(loader);
            calls.invoke(call, count);
        }
    }

    /**
     * The hook call of the HTTP benchmark without HTTP: worked example C on the relapse service, the body read, the
     * prefetch parsed, evaluated and rendered, the response written, all anew on every call.
     */
    public static final class Call {
        private final RuleSet ruleSet;
        private final ServiceDefinition relapse;
        private final PatientEvaluator patients = EvaluationAssembly.standalone();
        private final LocalPrefetch prefetch = new LocalPrefetch();
        private final JsonMapper reader = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        private final JsonMapper writer = JsonMapper.builder().build();
        private final byte[] body;
        private long written;

        public Call(String folder) throws Exception {
            ruleSet = new RuleCompiler(Clock.systemUTC()).compile(RuleSetSource.read(Path.of(folder, "rules"))).ruleSet();
            relapse = ruleSet.services().find("ped-all-relapse").orElseThrow();
            body = Files.readAllBytes(Path.of(folder, "fhir-profiles/requests/ped-all-relapse-example-c.json"));
        }

        public void calls(int count) {
            for (int i = 0; i < count; i++) {
                JsonNode request = reader.readTree(body);
                PatientData data = new PatientData(prefetch.prefetch(request.get("prefetch")));
                PatientEvaluator.Input input = new PatientEvaluator.Input(data,
                        EvaluationTimes.parse(request.at("/extension/org.allcds/evaluationTime").asString()),
                        request.at("/context/patientId").asString(), request.get("context"));
                written += writer.writeValueAsBytes(patients.evaluate(ruleSet, relapse, input).response()).length;
            }
        }
    }
}
