package org.allcds.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.allcds.cards.AllCdsExtension;
import org.allcds.cards.CardCorpus;
import org.allcds.fixtures.Chromium;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.hooks.Source;
import org.allcds.hooks.Suggestion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every card of the corpus (every author scenario and worked example) as a person sees it, in a real browser: the card
 * gallery laid out by headless Chromium as wide as a narrow EHR side panel (400 px) and as a full page. Nothing may stick
 * out of its card (a clinician would have to scroll sideways to read it), the summary shown must be the summary sent,
 * the detail's markdown must not leave its syntax on screen, links go to https addresses, and each suggestion's button
 * stays inside its card. A probe script appended to the page measures the layout; a page with a card built to break
 * each check shows that the probe sees it.
 */
class CardLayoutBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An EHR's side panel, and the gallery's own width. */
    private static final int[] WIDTHS = {400, 860};
    private static final String PROBE = """
            <script>
            (() => {
              const report = {overflow: [], pageOverflow: [], summaries: [], residue: [], links: [], buttons: []};
              const cards = [...document.querySelectorAll('article.card')];
              const widest = els => els.slice(-1).map(e => e.tagName + ': ' + e.textContent.substring(0, 60))[0] || '';
              const markdown = /\\*\\*|__|\\]\\(|^\\s*\\|?\\s*:?-{3,}|\\\\[\\\\`*_{}\\[\\]()#+.!|-]/m;
              for (const width of %s) {
                document.documentElement.style.width = width + 'px';
                const beyond = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
                if (beyond.length > 0) report.pageOverflow.push({width: width, first: widest(beyond)});
                cards.forEach((card, i) => {
                  if (card.scrollWidth > card.clientWidth + 1) {
                    const right = card.getBoundingClientRect().right;
                    const beyond = [...card.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > right + 1);
                    report.overflow.push({card: i, width: width, content: card.scrollWidth, box: card.clientWidth, first: widest(beyond)});
                  }
                  const box = card.getBoundingClientRect();
                  card.querySelectorAll('.actions button').forEach(b => {
                    const r = b.getBoundingClientRect();
                    if (r.width === 0 || r.left < box.left || r.right > box.right + 1) report.buttons.push({card: i, width: width});
                  });
                });
              }
              cards.forEach((card, i) => {
                const summary = card.querySelector('.summary');
                const badge = summary.querySelector('.badge');
                report.summaries.push({indicator: badge.textContent, text: summary.textContent.substring(badge.textContent.length)});
                const detail = card.querySelector('.detail').innerText;
                if (markdown.test(detail)) report.residue.push({card: i, line: detail.split('\\n').find(l => markdown.test(l))});
                card.querySelectorAll('a').forEach(a => {
                  if (!a.href.startsWith('https://')) report.links.push({card: i, href: a.getAttribute('href')});
                });
              });
              const out = document.createElement('pre');
              out.id = 'layout-report';
              out.textContent = JSON.stringify(report);
              document.body.appendChild(out);
            })();
            </script>
            """.formatted(java.util.Arrays.toString(WIDTHS));

    private static Path browser;

    @TempDir
    Path folder;

    @BeforeAll
    static void findBrowser() {
        browser = Chromium.find().orElse(null);
        if (browser == null && Chromium.required()) {
            throw new IllegalStateException("No Chromium found; install Debian's chromium (as .ci/run does) or set CHROME_BIN");
        }
        assumeTrue(browser != null, "no Chromium on this machine: the card layout is not checked in a browser (.ci/run installs it)");
    }

    @Test
    void everyCardOfTheCorpus_fitsAnEhrPanel_andShowsWhatWasSent() throws IOException {
        List<Card> sent = new ArrayList<>();
        List<CardGallery.Entry> entries = new ArrayList<>();
        for (CardCorpus.Entry e : CardCorpus.shared()) {
            List<Card> cards = e.response().cards();
            sent.addAll(cards);
            entries.add(new CardGallery.Entry(e.name(), e.service(), evaluationTime(cards), cards));
        }
        JsonNode report = layOut(CardGallery.page("ALL-CDS card corpus", "bundled rules", entries));

        assertThat(report.get("summaries")).as("cards laid out").hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            JsonNode shown = report.get("summaries").get(i);
            assertThat(shown.get("indicator").asString()).isEqualTo(sent.get(i).indicator());
            assertThat(shown.get("text").asString()).as("summary of card %d", i).isEqualTo(sent.get(i).summary());
        }
        assertThat(describe(report.get("overflow"), sent)).as("cards whose content sticks out").isEmpty();
        assertThat(report.get("pageOverflow")).as("widths at which the page scrolls sideways").isEmpty();
        assertThat(describe(report.get("residue"), sent)).as("markdown syntax left on screen").isEmpty();
        assertThat(describe(report.get("links"), sent)).as("links not to https").isEmpty();
        assertThat(describe(report.get("buttons"), sent)).as("buttons outside their card").isEmpty();
    }

    /** A card built to fail every check: the probe reports each fault, so the corpus test can fail. */
    @Test
    void theProbe_reportsACardThatBreaksEachCheck() throws IOException {
        String unbroken = "MedicationRequest/" + "x".repeat(120);
        Card broken = new Card("uuid", unbroken, """
                A **bold word left open and a link [here](http://example.org/plain).

                | a | b | c | d | e | f | g | h |
                |---|---|---|---|---|---|---|---|
                | %s | 2 | 3 | 4 | 5 | 6 | 7 | 8 |
                """.formatted(unbroken), "warning", new Source("ALL-CDS rules", "http://example.org/source", null,
                new Coding("t", "c", "topic")), List.of(new Suggestion("Remove the draft order " + unbroken, "s", true, null)),
                null, List.of(), List.of(), java.util.Map.of());
        JsonNode report = layOut(CardGallery.page("broken", "rules", List.of(new CardGallery.Entry("broken.json", "ped-all-orders",
                "2024-01-01", List.of(broken)))));

        assertThat(report.get("pageOverflow")).isNotEmpty();
        assertThat(report.get("overflow")).isNotEmpty();
        assertThat(report.get("residue")).singleElement().satisfies(r -> assertThat(r.get("line").asString()).contains("**bold"));
        assertThat(report.get("links")).extracting(l -> l.get("href").asString())
                .contains("http://example.org/plain", "http://example.org/source");
        assertThat(report.get("buttons")).isNotEmpty();
        assertThat(report.get("summaries").get(0).get("text").asString()).isEqualTo(unbroken);
    }

    /** The page as Chromium lays it out, with the probe's report. */
    private JsonNode layOut(String page) throws IOException {
        Path file = folder.resolve("gallery.html");
        Files.writeString(file, page.replace("</body>", PROBE + "</body>"));
        String dom = Chromium.dumpDom(browser, file, 1000, 900);
        int start = dom.indexOf("<pre id=\"layout-report\">");
        assertThat(start).as("the probe ran").isNotNegative();
        String json = dom.substring(dom.indexOf('>', start) + 1, dom.indexOf("</pre>", start));
        return JSON.readTree(json.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&"));
    }

    private static String evaluationTime(List<Card> cards) {
        return cards.stream().map(c -> c.extension().get(AllCdsExtension.KEY)).filter(AllCdsExtension.class::isInstance)
                .map(x -> ((AllCdsExtension) x).evaluationTime()).findFirst().orElse("-");
    }

    /** Each reported card as "summary (what was found)". */
    private static List<String> describe(JsonNode faults, List<Card> sent) {
        List<String> lines = new ArrayList<>();
        faults.forEach(f -> lines.add(sent.get(f.get("card").asInt()).summary() + " " + f));
        return lines;
    }
}
