package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.facts.Indicator;
import org.allcds.facts.OrderKind;
import org.allcds.hooks.Action;
import org.allcds.hooks.Card;
import org.allcds.cards.AllCdsExtension.InputView;
import org.junit.jupiter.api.Test;

class OrderCardsTest {

    private static final CardRenderer.Context CONTEXT = new CardRenderer.Context("1.0.0", "0".repeat(64),
            new EvaluationTime(LocalDate.of(2019, 10, 4), "2019-10-04"), "p1");
    private final CardRenderer renderer = new CardRenderer(new CardProperties("ALL-CDS", "https://all-cds.org"),
            SuggestionFactory.NONE);

    private static ExplainedFinding about(String reference) {
        DraftOrder order = new DraftOrder(OrderKind.CART_PRODUCT, reference, "order");
        return new ExplainedFinding(Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:" + reference)
                .withIndicator(Indicator.WARNING), List.of(), List.of(order));
    }

    @Test
    void aCardAboutADraftOrder_offersItsDeletionAlone() {
        List<Card> cards = OrderCards.withRemoveSuggestion(renderer.render(List.of(about("MedicationRequest/cart-1"),
                about("MedicationRequest/cart-2")), CONTEXT));

        assertThat(cards).hasSize(2).allSatisfy(card -> {
            assertThat(card.selectionBehavior()).isEqualTo("at-most-one");
            assertThat(card.suggestions()).singleElement().satisfies(s -> {
                assertThat(s.uuid()).isNotBlank();
                assertThat(s.actions()).singleElement().satisfies(a -> {
                    assertThat(a.type()).isEqualTo("delete");
                    assertThat(a.resource()).isNull();
                    assertThat(a.resourceId()).startsWith("MedicationRequest/cart-");
                });
            });
        });
        assertThat(cards).extracting(c -> c.suggestions().get(0).actions().get(0)).extracting(Action::resourceId)
                .containsExactlyInAnyOrder("MedicationRequest/cart-1", "MedicationRequest/cart-2");
    }

    @Test
    void otherCardsAreLeftAsTheyAre() {
        List<Card> rendered = renderer.render(List.of(new ExplainedFinding(Finding.of("infant", "PRESENT"), List.of(), List.of())),
                CONTEXT);

        assertThat(OrderCards.withRemoveSuggestion(rendered)).containsExactlyElementsOf(rendered);
    }

    @Test
    void aRecordNotUsed_readsInClinicalWordsOnTheOrderCard_itsFhirElementAndFindingInTheExtension() {
        DraftOrder order = new DraftOrder(OrderKind.HSCT_REFERRAL, "ServiceRequest/hsct-1", "order");
        DataQualityIssue unreadable = new DataQualityIssue("invalid-value", "Condition.code.coding", "Condition/dx-1");
        String card = "order:ServiceRequest/hsct-1";
        List<ExplainedFinding> findings = List.of(
                new ExplainedFinding(Finding.of("order-check", "HSCT_REFERRAL", "INDETERMINATE").withMissing("lineage")
                        .onCard(card).withSummary("HSCT referral could not be checked: diagnosis record unreadable (lineage)", 30),
                        List.of(), List.of(order, unreadable)),
                new ExplainedFinding(Finding.of("data-quality", "invalid-value").onCard(card), List.of(),
                        List.of(order, unreadable)));

        Card rendered = renderer.render(findings, CONTEXT).get(0);

        assertThat(rendered.detail()).contains("- Not used: the code of a Condition, not valid FHIR")
                .doesNotContain("Condition.code").doesNotContain("Data quality");
        AllCdsExtension extension = (AllCdsExtension) rendered.extension().get(AllCdsExtension.KEY);
        assertThat(extension.findings()).extracting(AllCdsExtension.FindingView::value)
                .containsExactly("INDETERMINATE", "invalid-value");
        assertThat(extension.inputs()).extracting(InputView::value).contains("invalid-value: Condition.code.coding");
    }

    @Test
    void aRecordNotUsed_onAMainCard_readsInTheSameWords_underItsOwnFinding() {
        DataQualityIssue unreadable = new DataQualityIssue("invalid-value", "Condition.code.coding", "Condition/dx-1");
        Card rendered = renderer.render(List.of(new ExplainedFinding(Finding.of("data-quality", "invalid-value")
                .withSummary("Data quality: a value that is not valid FHIR was not used", 6), List.of(),
                List.of(unreadable))), CONTEXT).get(0);

        assertThat(rendered.summary()).isEqualTo("Data quality: a value that is not valid FHIR was not used");
        assertThat(rendered.detail()).contains("- Not used: the code of a Condition, not valid FHIR")
                .doesNotContain("Condition.code");
    }
}
