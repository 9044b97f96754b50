package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The relapse card's summary names what stops its main question first: without a dated ALL diagnosis no relapse can be
 * timed, and the lineage, which the diagnosis Condition also gives, is missing only because of it. Without any ALL
 * diagnosis Condition, the diagnosis is what it names as not recorded, not its date.
 */
class RelapseCardSummaryTest {

    /** Worked example D: an early isolated marrow relapse; its lineage comes from the diagnosis Condition. */
    private static final Path EXAMPLE_D = Path.of("fhir-profiles/requests/ped-all-relapse-example-d.json");

    @Test
    void relapseWithoutDiagnosis_theSummarySaysTheDiagnosisIsNotRecorded() throws Exception {
        Card card = ExampleCalls.call("ped-all-relapse", EXAMPLE_D,
                d -> ((ArrayNode) d.at("/prefetch/conditions/entry")).removeAll()).cards().get(0);

        assertThat(card.summary()).startsWith("ALL diagnosis not recorded").contains("relapse timing");
        assertThat(card.detail()).contains("lineage");
    }

    @Test
    void relapseWithDiagnosisButNoLineage_theSummaryAsksForTheLineage() throws Exception {
        // SNOMED 91857003, "acute lymphoid leukaemia": an ALL diagnosis that names no lineage (277571004 is B-ALL)
        Card card = ExampleCalls.call("ped-all-relapse", EXAMPLE_D, d -> d.at("/prefetch/conditions/entry").forEach(e ->
                ((ObjectNode) e.at("/resource/code/coding/0")).put("code", "91857003"))).cards().get(0);

        assertThat(card.summary()).as(card.detail()).endsWith("record the lineage");
        assertThat(card.detail()).contains("lineage not known");
    }
}
