package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;

/** What card detail escapes, character by character: markdown syntax, HTML, line breaks; nothing else. */
class MarkdownTest {

    private static final Map<Character, String> ESCAPED = Map.ofEntries(
            Map.entry('<', "\\<"), Map.entry('>', "\\>"), Map.entry('&', "\\&"),
            Map.entry('\\', "\\\\"), Map.entry('`', "\\`"), Map.entry('*', "\\*"), Map.entry('_', "\\_"),
            Map.entry('[', "\\["), Map.entry(']', "\\]"), Map.entry('|', "\\|"), Map.entry('#', "\\#"),
            Map.entry('~', "\\~"), Map.entry('\n', " "), Map.entry('\r', " "));

    @Test
    void everyCharacter_aloneAndInsideText_isEscapedOrKept() {
        for (char c = 0; c < 0x3000; c++) {
            String expected = ESCAPED.getOrDefault(c, String.valueOf(c));
            assertThat(Markdown.escape(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(expected);
            assertThat(Markdown.escape("WBC " + c + " x10^9/L")).as("U+%04X in text", (int) c)
                    .isEqualTo("WBC " + expected + " x10^9/L");
        }
    }

    @Test
    void textWithNothingToEscape_isReturnedAsItIs() {
        String text = "Late first isolated marrow relapse (COG low risk): chemotherapy, no HSCT";

        assertThat(Markdown.escape(text)).isSameAs(text);
        assertThat(Markdown.escape(null)).isEmpty();
    }

    @Test
    void everythingAfterTheFirstSpecialCharacter_isEscapedToo() {
        assertThat(Markdown.escape("a_b <c> [d]\r\ne")).isEqualTo("a\\_b \\<c\\> \\[d\\]  e");
    }

    @Test
    void escapedText_rendersAsTheTextItself_withoutHtmlEntities() {
        String text = "MRD < 0.01 % & blasts >= 5 % <b>x</b> a_b [c] `d` *e* #f |g| ~h~ \\i";

        String escaped = Markdown.escape(text);

        assertThat(escaped).doesNotContain("&lt;", "&gt;", "&amp;");
        assertThat(TextContentRenderer.builder().build().render(Parser.builder().build().parse(escaped))).isEqualTo(text);
    }
}
