import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.profiles.ConceptMapTranslator;
import org.allcds.profiles.ConformanceResources;
import org.allcds.profiles.ProfileValidation;
import org.allcds.profiles.ValidationMode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Cost of run-time validation per request: the resources of each scenario Bundle (meta.profile removed, as an EHR sends
 * them) validated as one request, in warn and strict mode, after a warm-up. Run with bench/validation-bench.sh.
 * Arguments: [warm-up rounds] [measured rounds].
 */
public class ValidationBench {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        // As in the service: without a logging configuration logback logs HAPI at DEBUG, which would dominate the figures.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        FhirContext fhir = FhirContext.forR4Cached();
        ConformanceResources resources = ConformanceResources.load(fhir, Path.of("fhir-profiles"));
        Map<String, List<Resource>> requests = requests(fhir);
        System.out.printf("%d requests of %d-%d resources; %d warm-up and %d measured rounds; %d CPUs%n", requests.size(),
                requests.values().stream().mapToInt(List::size).min().orElse(0),
                requests.values().stream().mapToInt(List::size).max().orElse(0), warmup, rounds,
                Runtime.getRuntime().availableProcessors());
        for (ValidationMode mode : List.of(ValidationMode.WARN, ValidationMode.STRICT)) {
            long start = System.nanoTime();
            ProfileValidation validation = ProfileValidation.create(mode, resources, new ConceptMapTranslator(resources.conceptMaps()));
            System.out.printf("%s: validator built in %d ms%n", mode, (System.nanoTime() - start) / 1_000_000);
            run(validation, requests, warmup);
            double[] times = run(validation, requests, rounds);
            Arrays.sort(times);
            System.out.printf("%s: per request mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)%n", mode,
                    Arrays.stream(times).average().orElse(0), times[times.length / 2],
                    times[(int) (times.length * 0.95)], times[times.length - 1], times.length);
        }
    }

    private static double[] run(ProfileValidation validation, Map<String, List<Resource>> requests, int rounds) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (List<Resource> request : requests.values()) {
                long t = System.nanoTime();
                try {
                    validation.apply(validation.validate(request));
                } catch (InvalidCdsRequestException expected) {
                    // strict mode rejects the broken request: that is part of the cost measured
                }
                times.add((System.nanoTime() - t) / 1e6);
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The scenario Bundles plus one broken request (WBC without unit, relapse without date). */
    private static Map<String, List<Resource>> requests(FhirContext fhir) throws Exception {
        Map<String, List<Resource>> requests = new LinkedHashMap<>();
        try (var files = Files.list(Path.of("fhir-profiles/examples/scenarios"))) {
            for (Path f : files.sorted().toList()) {
                Bundle b = fhir.newJsonParser().parseResource(Bundle.class, Files.readString(f));
                requests.put(f.getFileName().toString(), b.getEntry().stream().map(e -> {
                    Resource r = e.getResource();
                    r.setMeta(null);
                    return r;
                }).toList());
            }
        }
        List<Resource> broken = new ArrayList<>();
        for (Resource r : requests.get("Bundle-scenario-second-relapse-after-hsct.json")) {
            Resource copy = r.copy();
            if (copy instanceof Observation o && o.hasValueQuantity()) {
                o.setValue(new Quantity().setValue(o.getValueQuantity().getValue()));
            }
            if (copy instanceof Observation o && copy.getIdElement().getIdPart().endsWith("relapse-2")) {
                o.setEffective(null);
            }
            broken.add(copy);
        }
        requests.put("broken", broken);
        return requests;
    }
}
