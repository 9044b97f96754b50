package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.engine.RuleProblem;
import org.junit.jupiter.api.Test;

/** The prefetch templates of services.yaml, reported at the template's own line and column. */
class TemplateCheckTest {

    /** The bundled services.yaml with the first {@code from} replaced. */
    private static String bundledWith(String from, String to) throws IOException {
        String text = Files.readString(Path.of("rules/services.yaml"));
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    @Test
    void bundledTemplates_haveNoProblem() throws IOException {
        assertThat(TemplateCheck.templateProblems(Files.readString(Path.of("rules/services.yaml")))).isEmpty();
    }

    /** Lint, reload and start-up accepted both, and discovery published them. */
    @Test
    void aContextFieldThatIsNoPrefetchTokenOfTheServicesHook_isAnErrorAtTheTemplate() throws IOException {
        String misspelt = bundledWith("patient: \"Patient/{{context.patientId}}\"\n      conditions",
                "patient: \"Patient/{{context.patientID}}\"\n      conditions");
        assertThat(TemplateCheck.templateProblems(misspelt)).extracting(RuleProblem::toString).singleElement()
                .asString().startsWith("services.yaml:31:17: error: service 'ped-all-risk', prefetch 'patient':"
                        + " Token '{{context.patientID}}' is not a prefetch token of hook patient-view (did you mean"
                        + " '{{context.patientId}}'?); its tokens are {{context.userId}}, {{context.patientId}}");

        String orders = bundledWith("needs the same data as ped-all-relapse.\n    prefetch:\n",
                "needs the same data as ped-all-relapse.\n    prefetch:\n"
                        + "      orders: \"MedicationRequest?_id={{context.draftOrders}}\"\n");
        assertThat(TemplateCheck.templateProblems(orders)).extracting(RuleProblem::toString).singleElement()
                .asString().startsWith("services.yaml:138:16: error: service 'ped-all-orders', prefetch 'orders':"
                        + " Token '{{context.draftOrders}}' is not a prefetch token of hook order-sign; its tokens are");
    }
}
