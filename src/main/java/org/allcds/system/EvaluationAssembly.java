package org.allcds.system;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.allcds.cards.CardProperties;
import org.allcds.cards.CardRenderer;
import org.allcds.cards.ClinicalSuggestions;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSetCheck;
import org.allcds.engine.RuleVersionCheck;
import org.allcds.mapping.CalendarZone;
import org.allcds.mapping.ConceptTranslator;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.DataCheck;
import org.allcds.pipeline.DatesProperties;
import org.allcds.pipeline.DraftOrderScope;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.pipeline.TemplateCheck;
import org.allcds.profiles.ConceptMapTranslator;
import org.allcds.profiles.ConformanceResources;
import org.allcds.profiles.ProfileDataCheck;
import org.allcds.profiles.ProfileValidation;
import org.allcds.profiles.ProfilesProperties;
import org.allcds.profiles.ValidationMode;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Builds the {@link PatientEvaluator} from its parts, in one place, for the server (from its Spring beans) and for the
 * author commands (from the same settings, without Spring): site ConceptMaps, suggestions, data checks and card
 * properties cannot differ between them. A new step before mapping, or facts from the hook context, are added here.
 */
public final class EvaluationAssembly {

    /** How the author commands' warnings end that lint, start-up and reload would refuse as errors. */
    public static final String REFUSED_ELSEWHERE = "(lint, start-up and reload refuse this)";

    private EvaluationAssembly() {
    }

    /**
     * The evaluator over the site's concept maps, card settings, validation (whose mode decides its check) and time
     * zone (whose calendar gives a dateTime its date).
     */
    public static PatientEvaluator evaluator(ConceptTranslator translator, CardProperties cards, ProfileValidation validation,
                                             CalendarZone zone) {
        return evaluator(translator, cards, validation, zone, new RuleEvaluator());
    }

    private static PatientEvaluator evaluator(ConceptTranslator translator, CardProperties cards,
                                              ProfileValidation validation, CalendarZone zone, RuleEvaluator rules) {
        FactMapper mapper = new FactMapper(translator);
        return new PatientEvaluator(mapper, rules, new CardRenderer(cards, new ClinicalSuggestions()),
                dataChecks(validation), new DraftOrderScope(mapper), zone);
    }

    /** The compile with every author check: what start-up, the reload gate and {@code lint} all run on a folder. */
    public static RuleSetCheck ruleSetCheck(RuleCompiler compiler) {
        return new RuleSetCheck(compiler, List.of(new TemplateCheck(), new RuleVersionCheck()));
    }

    /**
     * The same checks for the authors' experiments ({@code test}, {@code eval}): the version ledger's problems are
     * warnings, so that a change can be tried out before its versions are raised and recorded (the ledger is
     * append-only: a version recorded per experiment would be used up). Every other error still refuses.
     */
    public static RuleSetCheck authorLoopCheck(RuleCompiler compiler) {
        return new RuleSetCheck(compiler, List.of(new TemplateCheck(), new RuleVersionCheck().asWarnings(REFUSED_ELSEWHERE)));
    }

    /** Whether {@code problem} is one that {@link #authorLoopCheck} let through and lint would refuse. */
    public static boolean refusedElsewhere(RuleProblem problem) {
        return !problem.isError() && problem.message().endsWith(REFUSED_ELSEWHERE);
    }

    /** The steps between prefetch and mapping, in order. */
    static List<DataCheck> dataChecks(ProfileValidation validation) {
        List<DataCheck> checks = new ArrayList<>();
        if (validation.mode() != ValidationMode.OFF) {
            checks.add(new ProfileDataCheck(validation));
        }
        return checks;
    }

    /**
     * The evaluator the service would build from its settings ({@code application.yaml}, then system properties and
     * environment variables such as {@code ALLCDS_CARDS_SOURCELABEL}), for the author commands.
     */
    public static PatientEvaluator standalone() {
        return standalone(new RuleEvaluator());
    }

    /** As {@link #standalone()}, evaluating with {@code rules} (tests give one that shuffles the facts). */
    public static PatientEvaluator standalone(RuleEvaluator rules) {
        Binder settings = Binder.get(settings());
        CardProperties cards = settings.bindOrCreate("allcds.cards", CardProperties.class);
        ProfilesProperties profiles = settings.bindOrCreate("allcds.profiles", ProfilesProperties.class);
        ProfilesProperties.Validation validation = settings.bindOrCreate("allcds.validation",
                ProfilesProperties.Validation.class);
        DatesProperties dates = settings.bindOrCreate("allcds.dates", DatesProperties.class);
        ConformanceResources resources = ConformanceResources.loadFolderOrBundled(FhirContext.forR4Cached(),
                profiles.dir(), profiles.extraConceptMapsDir());
        ConceptTranslator translator = new ConceptMapTranslator(resources.conceptMaps());
        return evaluator(translator, cards, ProfileValidation.create(validation.validationMode(), resources, translator),
                dates.calendarZone(), rules);
    }

    private static StandardEnvironment settings() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new ClassPathResource("application.yaml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.yaml", e);
        }
        return environment;
    }
}
