package org.allcds.authoring;

import java.util.List;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.hooks.Link;
import org.allcds.hooks.Suggestion;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * One HTML page showing cards as an EHR shows them, for reviewers who do not read JSON: the indicator as a colour, the
 * summary, the detail's markdown rendered (raw HTML in it escaped, unsafe links dropped), suggestions as buttons, the
 * source with its topic, the links and the override reasons. The page is deterministic (no uuids, no clock), so a
 * committed gallery can be compared with a fresh one.
 */
final class CardGallery {

    /** One request's cards from one service. */
    record Entry(String request, String service, String evaluationTime, List<Card> cards) {
    }

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();
    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733;
                   background: #f3f5f8; margin: 0 auto; max-width: 860px; padding: 24px; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 32px 0 2px; }
            .meta { color: #5b6775; font-size: 13px; margin: 0 0 10px; }
            .draft { color: #c62828; font-weight: 600; border: 2px solid #c62828; padding: 6px 10px; margin: 0 0 10px; }
            .card { background: #fff; border: 1px solid #d5dbe3; border-left: 6px solid; border-radius: 6px;
                    margin: 10px 0; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
            .card.info { border-left-color: #1f6fb2; } .card.warning { border-left-color: #e08a00; }
            .card.critical { border-left-color: #c62828; }
            .badge { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; color: #fff;
                     border-radius: 3px; padding: 1px 6px; margin-right: 8px; vertical-align: 2px; }
            .info .badge { background: #1f6fb2; } .warning .badge { background: #e08a00; }
            .critical .badge { background: #c62828; }
            .summary { font-weight: 600; font-size: 16px; }
            .detail { margin-top: 6px; } .detail p { margin: 6px 0; } .detail ul { margin: 4px 0; padding-left: 20px; }
            .detail table { border-collapse: collapse; margin: 6px 0; }
            .detail th, .detail td { border: 1px solid #d5dbe3; padding: 2px 6px; text-align: left; }
            .detail th { background: #eef2f6; }
            .actions { margin-top: 8px; }
            .actions button { font: inherit; font-size: 14px; background: #1f6fb2; color: #fff; border: 0;
                              border-radius: 4px; padding: 5px 12px; margin: 0 6px 4px 0; }
            .source, .reasons { color: #5b6775; font-size: 13px; margin-top: 8px; }
            .silent { color: #5b6775; font-style: italic; }
            """;

    private CardGallery() {
    }

    static String page(String title, String ruleSet, List<Entry> entries) {
        return page(title, ruleSet, "", entries);
    }

    /** The page, with {@code draft} (unless empty) as a banner under the title: cards not of a recorded rule set. */
    static String page(String title, String ruleSet, String draft, List<Entry> entries) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (!draft.isEmpty()) {
            html.append("<p class=\"draft\">").append(escape(draft)).append("</p>\n");
        }
        html.append("<p class=\"meta\">")
                .append(escape(ruleSet)).append(" · ").append(entries.size())
                .append(" responses. Cards as an EHR shows them; the machine-readable findings are not shown.</p>\n");
        for (Entry e : entries) {
            html.append("<section>\n<h2>").append(escape(e.request())).append("</h2>\n<p class=\"meta\">")
                    .append(escape(e.service())).append(" · evaluated ").append(escape(e.evaluationTime())).append(" · ")
                    .append(e.cards().size()).append(e.cards().size() == 1 ? " card" : " cards").append("</p>\n");
            if (e.cards().isEmpty()) {
                html.append("<p class=\"silent\">").append(escape("No cards: the service answers {\"cards\": []}.")).append("</p>\n");
            }
            e.cards().forEach(c -> card(html, c));
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void card(StringBuilder html, Card c) {
        html.append("<article class=\"card ").append(escape(c.indicator())).append("\">\n<div class=\"summary\">")
                .append("<span class=\"badge\">").append(escape(c.indicator())).append("</span>")
                .append(escape(c.summary())).append("</div>\n<div class=\"detail\">\n")
                .append(HTML.render(MARKDOWN.parse(c.detail() == null ? "" : c.detail()))).append("</div>\n");
        List<Suggestion> suggestions = c.suggestions() == null ? List.of() : c.suggestions();
        if (!suggestions.isEmpty()) {
            html.append("<div class=\"actions\">");
            suggestions.forEach(s -> html.append("<button type=\"button\">").append(escape(s.label())).append("</button>"));
            html.append("</div>\n");
        }
        html.append("<div class=\"source\">Source: ").append(link(c.source().label(), c.source().url()));
        Coding topic = c.source().topic();
        if (topic != null) {
            html.append(" · topic: ").append(escape(topic.display())).append(" (").append(escape(topic.code())).append(')');
        }
        for (Link l : c.links() == null ? List.<Link>of() : c.links()) {
            html.append(" · ").append(link(l.label(), l.url()));
        }
        html.append("</div>\n");
        List<Coding> reasons = c.overrideReasons() == null ? List.of() : c.overrideReasons();
        if (!reasons.isEmpty()) {
            html.append("<div class=\"reasons\">Dismiss because: ")
                    .append(String.join(" · ", reasons.stream().map(r -> escape(r.display())).toList())).append("</div>\n");
        }
        html.append("</article>\n");
    }

    private static String link(String label, String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return escape(label);
        }
        return "<a href=\"" + escape(url) + "\">" + escape(label) + "</a>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
