package org.allcds.cards;

/**
 * Card detail is GitHub-flavoured markdown that clients render with raw HTML on: data values must be escaped. Every
 * character is escaped with a backslash (CommonMark escapes any ASCII punctuation so), never as an HTML entity: a
 * client that shows the markdown as text still reads "\< 5 %", where an entity reads "&amp;lt; 5 %".
 */
final class Markdown {

    /**
     * What each character that must be escaped becomes, indexed by code (all are ASCII; null: kept as it is). One
     * table both finds the first character to escape and escapes it: every text on a card is scanned, and the
     * {@code switch} it replaces took three times as long to scan (about a tenth of rendering a card).
     */
    private static final String[] REPLACEMENT = new String[128];

    static {
        for (char c : "\\`*_[]|#~<>&".toCharArray()) {
            REPLACEMENT[c] = "\\" + c;
        }
        REPLACEMENT['\n'] = " ";
        REPLACEMENT['\r'] = " ";
    }

    private Markdown() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        // Most text on a card has nothing to escape: it is returned as it is, without a copy.
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                out.append(c);
            } else {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    private static String replacement(char c) {
        return c < REPLACEMENT.length ? REPLACEMENT[c] : null;
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (replacement(text.charAt(i)) != null) {
                return i;
            }
        }
        return -1;
    }
}
