package org.allcds.cards;

/** Card detail is GitHub-flavoured markdown that clients render with raw HTML on: data values must be escaped. */
final class Markdown {

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
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The characters {@link #escape} changes, indexed by code; all are ASCII. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "<>&\\`*_[]|#~\n\r".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    // A table look-up per character: every text on a card is scanned, and the switch over these characters it replaces
    // took three times as long (about a tenth of rendering a card).
    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < SPECIAL.length && SPECIAL[c]) {
                return i;
            }
        }
        return -1;
    }
}
