package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;

/** What card detail escapes, character by character: markdown syntax, HTML, line breaks; nothing else. */
class MarkdownTest {

    /** Always escaped, wherever they stand. */
    private static final Map<Character, String> ESCAPED = Map.ofEntries(
            Map.entry('\\', "\\\\"), Map.entry('`', "\\`"), Map.entry('*', "\\*"), Map.entry('_', "\\_"),
            Map.entry('[', "\\["), Map.entry(']', "\\]"), Map.entry('|', "\\|"), Map.entry('#', "\\#"),
            Map.entry('~', "\\~"), Map.entry('\n', " "), Map.entry('\r', " "));

    @Test
    void everyCharacter_aloneAndInsideText_isEscapedOrKept() {
        for (char c = 0; c < 0x3000; c++) {
            String expected = ESCAPED.getOrDefault(c, String.valueOf(c));
            // alone, "&gt;", "-" and "+" are first in their text, where they would open a block quote or a list
            String alone = c == '>' || c == '-' || c == '+' ? "\\" + c : expected;
            assertThat(Markdown.escape(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(alone);
            assertThat(Markdown.escape("WBC " + c + " x10^9/L")).as("U+%04X in text", (int) c)
                    .isEqualTo("WBC " + expected + " x10^9/L");
        }
    }

    /** "&lt;", "&gt;" and "&amp;" are escaped where markdown would read them, and only there. */
    @Test
    void angleBracketsAndAmpersands_areEscapedOnlyWhereMarkdownReadsThem() {
        assertThat(Markdown.escape("MRD < 0.01 % & blasts > 5 %")).isEqualTo("MRD < 0.01 % & blasts > 5 %");
        assertThat(Markdown.escape("WBC at diagnosis: > 45 x10^9/L, a < b, a <")).isEqualTo("WBC at diagnosis: > 45 x10^9/L, a < b, a <");
        assertThat(Markdown.escape("<5, <0.1@lab.org>")).as("an e-mail autolink").isEqualTo("\\<5, \\<0.1@lab.org>");
        assertThat(Markdown.escape("\t> 45")).as("a tab before a block quote").isEqualTo("\t\\> 45");
        assertThat(Markdown.escape("<b>x</b> <!-- c --> <?p?> <https://x.org>"))
                .isEqualTo("\\<b>x\\</b> \\<!-- c --> \\<?p?> \\<https://x.org>");
        assertThat(Markdown.escape("&amp; &#60; &#x3C; &x R&D AT&T;")).isEqualTo("\\&amp; \\&\\#60; \\&\\#x3C; &x R&D AT\\&T;");
        assertThat(Markdown.escape("WBC <5, a<b")).as("no tag without a closing >").isEqualTo("WBC <5, a<b");
        assertThat(Markdown.escape("> 45")).isEqualTo("\\> 45");
        assertThat(Markdown.escape("   > 45 >")).isEqualTo("   \\> 45 >");
        assertThat(Markdown.escape("- 5, + 6, 1. 2) -3")).isEqualTo("\\- 5, + 6, 1. 2) -3");
        assertThat(Markdown.escape("12) x")).isEqualTo("12\\) x");
        assertThat(Markdown.escape("-3 °C")).as("no list marker without a blank after it").isEqualTo("-3 °C");
        assertThat(Markdown.escape("1.5 x10^9/L, +2")).isEqualTo("1.5 x10^9/L, +2");
        assertThat(Markdown.escape("+2")).isEqualTo("+2");
        assertThat(Markdown.escape("---")).as("a thematic break").isEqualTo("\\---");
        assertThat(Markdown.escape("2.")).isEqualTo("2\\.");
        assertThat(Markdown.escape("-\nfoo")).as("a line break after a marker is a blank").isEqualTo("\\- foo");
        assertThat(Markdown.escape("\n- foo")).as("and one before it").isEqualTo(" \\- foo");
        assertThat(Markdown.escape("\r\n> quote")).isEqualTo("  \\> quote");
        assertThat(Markdown.escape("1.\r\nfoo")).isEqualTo("1\\.  foo");
        assertThat(Markdown.escape(" 3. x")).isEqualTo(" 3\\. x");
    }

    /**
     * Every text of up to four pieces from characters markdown may read, inside a paragraph and first in a list item
     * (the card's lines), renders as the text itself.
     */
    @Test
    void everyShortTextOfMarkdownCharacters_rendersAsItself() {
        List<String> pieces = List.of("<", ">", "&", "a", "5", " ", "/", "!", "#", "amp;", "*", "_", "`", "[", "]", "(", ")",
                "\\", "-", "+", ".", "=", "@x.org>", ";", "1", "\n");
        Parser parser = Parser.builder().build();
        TextContentRenderer renderer = TextContentRenderer.builder().build();
        int checked = 0;
        for (String a : pieces) {
            for (String b : pieces) {
                for (String c : pieces) {
                    for (String d : List.of("", "a", "<", ">", "&", " 5")) {
                        // a line break in a value is a space on the card
                        String text = "x" + (a + b + c + d).replace('\n', ' ');
                        String escaped = Markdown.escape("x" + a + b + c + d);
                        assertThat(renderer.render(parser.parse(escaped))).as(escaped).isEqualTo(text.strip());
                        String first = (a + b + c + d).replace('\n', ' ');
                        // a card's line never begins with a space (four make code of a list item's text)
                        if (!first.startsWith(" ")) {
                            assertThat(renderer.render(parser.parse("- " + Markdown.escape(a + b + c + d)))).as(first)
                                    .isEqualTo("- " + first.strip());
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(30_000);
    }

    @Test
    void textWithNothingToEscape_isReturnedAsItIs() {
        String text = "Late first isolated marrow relapse (COG low risk): chemotherapy, no HSCT";

        assertThat(Markdown.escape(text)).isSameAs(text);
        assertThat(Markdown.escape(null)).isEmpty();
    }

    @Test
    void everythingAfterTheFirstSpecialCharacter_isEscapedToo() {
        assertThat(Markdown.escape("a_b <c> [d]\r\ne")).isEqualTo("a\\_b \\<c> \\[d\\]  e");
    }

    @Test
    void escapedText_rendersAsTheTextItself_withoutHtmlEntities() {
        String text = "MRD < 0.01 % & blasts >= 5 % <b>x</b> a_b [c] `d` *e* #f |g| ~h~ \\i";

        String escaped = Markdown.escape(text);

        assertThat(escaped).doesNotContain("&lt;", "&gt;", "&amp;");
        assertThat(TextContentRenderer.builder().build().render(Parser.builder().build().parse(escaped))).isEqualTo(text);
    }
}
