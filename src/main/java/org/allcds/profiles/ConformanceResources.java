package org.allcds.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The conformance resources of {@code fhir-profiles/} (StructureDefinitions, CodeSystems, ValueSets, ConceptMaps) from
 * its {@code profiles}, {@code terminology} and {@code conceptmaps} folders, read once at start-up.
 */
public record ConformanceResources(List<StructureDefinition> profiles, List<CodeSystem> codeSystems,
                                   List<ValueSet> valueSets, List<ConceptMap> conceptMaps) {

    public static final String CANONICAL_BASE = "https://all-cds.org/fhir";
    public static final String LOCAL_SYSTEM = CANONICAL_BASE + "/CodeSystem/all-cds";
    static final String BUNDLED = "allcds-fhir-profiles/";
    /** Where the definitions live; the other folders (examples, requests) hold instances. */
    static final List<String> FOLDERS = List.of("profiles", "terminology", "conceptmaps");

    public ConformanceResources {
        profiles = List.copyOf(profiles);
        codeSystems = List.copyOf(codeSystems);
        valueSets = List.copyOf(valueSets);
        conceptMaps = List.copyOf(conceptMaps);
    }

    /**
     * Reads every conformance resource under {@code dir}, plus the ConceptMaps of {@code extraConceptMapsDir} (a site's
     * own maps, kept outside the repository) when it is not null.
     */
    public static ConformanceResources load(FhirContext fhir, Path dir, Path extraConceptMapsDir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FHIR profile folder not found: " + dir);
        }
        List<IBaseResource> all = new ArrayList<>();
        for (String folder : FOLDERS) {
            if (Files.isDirectory(dir.resolve(folder))) {
                all.addAll(read(fhir, dir.resolve(folder)));
            }
        }
        if (extraConceptMapsDir != null) {
            read(fhir, extraConceptMapsDir).stream().filter(ConceptMap.class::isInstance).forEach(all::add);
        }
        return new ConformanceResources(only(all, StructureDefinition.class), only(all, CodeSystem.class),
                only(all, ValueSet.class), only(all, ConceptMap.class));
    }

    /**
     * The conformance resources packaged in the jar (the repository's {@code fhir-profiles/} at build time), for a jar
     * started outside the repository, plus the ConceptMaps of {@code extraConceptMapsDir} when not null.
     */
    public static ConformanceResources loadBundled(FhirContext fhir, Path extraConceptMapsDir) {
        IParser parser = fhir.newJsonParser();
        List<IBaseResource> all = new ArrayList<>();
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String folder : FOLDERS) {
                for (Resource r : resolver.getResources("classpath*:" + BUNDLED + folder + "/*.json")) {
                    try (InputStream in = r.getInputStream()) {
                        all.add(parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (extraConceptMapsDir != null) {
            read(fhir, extraConceptMapsDir).stream().filter(ConceptMap.class::isInstance).forEach(all::add);
        }
        return new ConformanceResources(only(all, StructureDefinition.class), only(all, CodeSystem.class),
                only(all, ValueSet.class), only(all, ConceptMap.class));
    }

    /** The folder's resources, or the jar's when the folder does not exist (as the service reads them at start-up). */
    public static ConformanceResources loadFolderOrBundled(FhirContext fhir, Path dir, Path extraConceptMapsDir) {
        if (Files.isDirectory(dir)) {
            return load(fhir, dir, extraConceptMapsDir);
        }
        LoggerFactory.getLogger(ConformanceResources.class)
                .warn("FHIR profile folder '{}' not found; using the profiles bundled in the jar", dir);
        return loadBundled(fhir, extraConceptMapsDir);
    }

    public static ConformanceResources load(FhirContext fhir, Path dir) {
        return load(fhir, dir, null);
    }

    private static List<IBaseResource> read(FhirContext fhir, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FHIR profile folder not found: " + dir);
        }
        IParser parser = fhir.newJsonParser();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(p -> parse(parser, p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IBaseResource parse(IParser parser, Path file) {
        try {
            return parser.parseResource(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read FHIR resource " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> only(List<IBaseResource> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
