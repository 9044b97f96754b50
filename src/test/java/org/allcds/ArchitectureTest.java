package org.allcds;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of README's "How a request flows", checked on the compiled classes (so a fully qualified name
 * or a wildcard import cannot slip past, as it could past a text scan). Each rule reports every offending dependency
 * at once.
 */
class ArchitectureTest {

    private static final String[] HAPI = {"org.hl7..", "ca.uhn.."};
    private static final String[] DROOLS = {"org.kie..", "org.drools.."};
    /** Wiring and tools: the request path never depends on them; they depend on it. */
    private static final String[] TOOLING = {"org.allcds.system..", "org.allcds.authoring..", "org.allcds.admin..",
            "org.allcds.scenario.."};

    /** The compiled main classes only: scanning every jar of the classpath for the package took most of the time. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @Test
    void requestPath_importsRunOneWay_webToPipelineToTheStages() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("org.allcds.web..")
                .layer("pipeline").definedBy("org.allcds.pipeline..")
                .layer("prefetch").definedBy("org.allcds.prefetch..")
                .layer("integrity").definedBy("org.allcds.integrity..")
                .layer("mapping").definedBy("org.allcds.mapping..")
                .layer("engine").definedBy("org.allcds.engine..")
                .layer("cards").definedBy("org.allcds.cards..")
                .layer("facts").definedBy("org.allcds.facts..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("web")
                // a later stage reads the type an earlier one produced (PatientData), never the other way round
                .whereLayer("prefetch").mayOnlyBeAccessedByLayers("pipeline", "integrity", "mapping")
                .whereLayer("integrity").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("mapping").mayOnlyBeAccessedByLayers("pipeline", "integrity")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("web", "pipeline", "cards")
                .whereLayer("cards").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("facts").mayOnlyBeAccessedByLayers("pipeline", "mapping", "engine", "cards", "integrity");
        rule.check(MAIN);
    }

    @Test
    void packages_formNoCycle() {
        slices().matching("org.allcds.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void facts_useOnlyJava() {
        classes().that().resideInAPackage("org.allcds.facts..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.allcds.facts..")
                .because("rules never see FHIR, Spring or Drools: facts are plain records").check(MAIN);
    }

    @Test
    void hooks_isTheWireModelAlone() {
        classes().that().resideInAPackage("org.allcds.hooks..").should().onlyDependOnClassesThat(
                resideOutsideOfPackage("org.allcds..").or(resideInAnyPackage("org.allcds.hooks.."))).check(MAIN);
        noClasses().that().resideInAPackage("org.allcds.hooks..").should().dependOnClassesThat()
                .resideInAnyPackage(HAPI).check(MAIN);
    }

    @Test
    void engine_knowsOnlyFactsAndTheCatalog_soTheGateAndChecksAreInjected() {
        classes().that().resideInAPackage("org.allcds.engine..").should().onlyDependOnClassesThat(
                resideOutsideOfPackage("org.allcds..")
                        .or(resideInAnyPackage("org.allcds.engine..", "org.allcds.facts..", "org.allcds.catalog..",
                                "org.allcds.files..")))
                .check(MAIN);
        noClasses().that().resideInAPackage("org.allcds.engine..").should().dependOnClassesThat()
                .resideInAnyPackage(HAPI).check(MAIN);
    }

    @Test
    void requestPath_neverDependsOnWiringOrTools() {
        noClasses().that(not(resideInAnyPackage(TOOLING)).and(resideInAnyPackage("org.allcds.*..")))
                .should().dependOnClassesThat().resideInAnyPackage(TOOLING)
                .because("system, authoring, admin and scenario are built on the request path, not the other way round")
                .check(MAIN);
    }

    @Test
    void onlyTheEngineAndItsUsersSeeDrools() {
        noClasses().that().resideInAnyPackage("org.allcds.prefetch..", "org.allcds.integrity..", "org.allcds.mapping..",
                "org.allcds.catalog..", "org.allcds.hooks..").should().dependOnClassesThat().resideInAnyPackage(DROOLS)
                .check(MAIN);
    }

    @Test
    void readme_listsEveryPackage() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing;
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/org/allcds"))) {
            missing = dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(name -> !readme.contains("| `" + name + "` |")).sorted().toList();
        }
        assertThat(missing).as("packages missing from README's table in \"How a request flows\"").isEmpty();
    }

    @Test
    void randomIds_comeFromRandomUuids_notTheJvmWideGenerator() {
        noClasses().should().callMethod(UUID.class, "randomUUID")
                .because("UUID.randomUUID() draws from one SecureRandom behind a global lock, which request threads"
                        + " queued on under load; RandomUuids gives each thread its own generator")
                .check(MAIN);
    }

    @Test
    void files_dependsOnTheJdkOnly() {
        classes().that().resideInAPackage("org.allcds.files..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.allcds.files..").check(MAIN);
    }

    @Test
    void catalogAndErrors_stayFreeOfHapi() {
        noClasses().that().resideInAnyPackage("org.allcds.catalog..", "org.allcds.errors..").should()
                .dependOnClassesThat().resideInAnyPackage(HAPI).check(MAIN);
    }
}
