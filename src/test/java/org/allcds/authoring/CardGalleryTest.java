package org.allcds.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.hooks.Link;
import org.allcds.hooks.Source;
import org.allcds.hooks.Suggestion;
import org.junit.jupiter.api.Test;

/**
 * The card gallery: {@code cards <folder> --html out.html} renders the worked examples as an EHR shows them, and the
 * committed {@code docs/card-gallery.html} must equal a fresh rendering (after a deliberate wording change, copy
 * {@code target/card-gallery.html} over it, or run the test with {@code -Dallcds.gallery.write=true}).
 */
class CardGalleryTest {

    static final Path COMMITTED = Path.of("docs/card-gallery.html");
    static final Path FRESH = Path.of("target/card-gallery.html");

    @Test
    void cardsCommand_rendersTheWorkedExamples_andTheCommittedGalleryIsCurrent() throws IOException {
        Files.createDirectories(FRESH.getParent());
        AuthoringCliTest.Run run = AuthoringCliTest.cli("cards", "fhir-profiles/requests", "--html", FRESH.toString(),
                "--rules", "rules");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String fresh = Files.readString(FRESH);
        assertThat(fresh).contains("<h2>ped-all-relapse-example-d.json</h2>", "<article class=\"card warning\">",
                "<table>", "<button type=\"button\">Record the risk group", "topic: Relapse classification and pathway");
        if (Boolean.getBoolean("allcds.gallery.write")) {
            Files.writeString(COMMITTED, fresh);
        }
        assertThat(Files.readString(COMMITTED)).as("docs/card-gallery.html is stale: copy " + FRESH + " over it")
                .isEqualTo(fresh);
    }

    @Test
    void gallery_escapesEveryValue_rendersMarkdown_andDropsUnsafeLinks() {
        Card card = new Card("u", "<script>alert(1)</script> summary", "**Because:**\n- WBC <img src=x onerror=alert(1)>\n\n"
                + "[click](javascript:alert(1))", "critical",
                new Source("ALL-CDS \"rules\"", "javascript:alert(1)", null, new Coding("s", "cart-label", "CAR-T <label>")),
                List.of(new Suggestion("Refer <now>", "s1", null, List.of())), "any",
                List.of(new Coding("s", "c", "Other & reason")), List.of(Link.absolute("NCI", "https://www.cancer.gov/x")),
                Map.of());

        String html = CardGallery.page("T", "Rule set 1", List.of(new CardGallery.Entry("r.json", "svc", "2024-01-01",
                List.of(card))));

        assertThat(html).doesNotContain("<script>", "<img", "javascript:")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; summary", "<strong>Because:</strong>",
                        "<article class=\"card critical\">", "<button type=\"button\">Refer &lt;now&gt;</button>",
                        "CAR-T &lt;label&gt;", "Other &amp; reason", "<a href=\"https://www.cancer.gov/x\">NCI</a>",
                        "ALL-CDS &quot;rules&quot;");
    }

    @Test
    void anEmptyResponse_saysSo() {
        assertThat(CardGallery.page("T", "Rule set 1", List.of(new CardGallery.Entry("r.json", "svc", "2024-01-01", List.of()))))
                .contains("No cards: the service answers {&quot;cards&quot;: []}.");
    }
}
