package org.allcds.cards;

/**
 * Card detail is GitHub-flavoured markdown that clients render with raw HTML on: data values must be escaped. A
 * character is escaped with a backslash (CommonMark escapes any ASCII punctuation so), never as an HTML entity: a client
 * that shows the markdown as text reads "\*", where an entity reads "&amp;lt;". The three characters clinical values
 * are full of are escaped only where markdown may read them: "&lt;" before a "&gt;" or first in the text, unless a
 * space follows (else it may open an HTML tag, a comment or an autolink, e-mail ones included), "&amp;" where an entity
 * may follow (a name or number and ";"), "&gt;" where it would open a block quote (first in the text). So "MRD &lt;
 * 0.01 %", "WBC &lt;5" and "WBC: &gt; 45" read the same as text and as markdown. Likewise what would open a list or a
 * thematic break first in the text ("- ", "+ ", "---", the "." of "1. ") is escaped there.
 */
final class Markdown {

    /**
     * What each character that is always escaped becomes, indexed by code (all are ASCII; null: kept as it is, or
     * escaped by where it stands). A look-up, not a {@code switch} over every character: every text on a card is
     * scanned, and the {@code switch} took three times as long (about a tenth of rendering a card).
     */
    private static final String[] REPLACEMENT = new String[128];

    static {
        for (char c : "\\`*_[]|#~".toCharArray()) {
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
            String replacement = replacement(text, i);
            if (replacement == null) {
                out.append(text.charAt(i));
            } else {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (replacement(text, i) != null) {
                return i;
            }
        }
        return -1;
    }

    /** What the character at {@code i} becomes, or null when it is kept as it is. */
    private static String replacement(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '<' -> mayOpenTag(text, i) ? "\\<" : null;
            case '&' -> opensEntity(text, i + 1) ? "\\&" : null;
            case '>' -> atBlockStart(text, i) ? "\\>" : null;
            case '-' -> atBlockStart(text, i) && (blankOrEnd(text, i + 1) || text.charAt(i + 1) == '-') ? "\\-" : null;
            case '+' -> atBlockStart(text, i) && blankOrEnd(text, i + 1) ? "\\+" : null;
            case '.', ')' -> endsListNumber(text, i) && blankOrEnd(text, i + 1) ? "\\" + c : null;
            default -> c < REPLACEMENT.length ? REPLACEMENT[c] : null;
        };
    }

    /**
     * First in the text, where a block quote, a list item or a thematic break ("---") would begin; a list marker
     * opens an item only before a blank or the end ("-3" and "1.5" are no list).
     */
    private static boolean atBlockStart(String text, int i) {
        return i == firstNonBlank(text);
    }

    /** The "." or ")" of an ordered list's number ("12." or "3)") first in the text. */
    private static boolean endsListNumber(String text, int i) {
        int start = firstNonBlank(text);
        if (start >= i || i - start > 9) {
            return false;
        }
        for (int j = start; j < i; j++) {
            if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Where the text begins after leading spaces, tabs and line breaks (which the card turns into spaces). */
    private static int firstNonBlank(String text) {
        int j = 0;
        while (j < text.length() && " \t\n\r".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    /** The end, or a blank after a marker: a space, a tab, or a line break (which the card turns into a space). */
    private static boolean blankOrEnd(String text, int i) {
        return i >= text.length() || " \t\n\r".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * "&lt;" before anything but a blank may open a tag, a comment or an autolink ("&lt;0.1@lab.org&gt;"), but inline
     * only with a "&gt;" after it: "WBC &lt;5" is text. First in the text it may open an HTML block without one.
     */
    private static boolean mayOpenTag(String text, int i) {
        int next = i + 1;
        return next < text.length() && !Character.isWhitespace(text.charAt(next))
                && (text.indexOf('>', next) >= 0 || atBlockStart(text, i));
    }

    /**
     * An entity is "&amp;" then a name, "#" and digits, or "#x" and hex digits, then ";": "R&amp;D" is text. Any run
     * of letters and digits before a ";" is taken as one, which escapes more than the entity table would.
     */
    private static boolean opensEntity(String text, int next) {
        int j = next;
        if (j < text.length() && text.charAt(j) == '#') {
            j++;
            if (j < text.length() && (text.charAt(j) == 'x' || text.charAt(j) == 'X')) {
                j++;
            }
        }
        int start = j;
        while (j < text.length() && isAsciiLetterOrDigit(text.charAt(j))) {
            j++;
        }
        return j > start && j < text.length() && text.charAt(j) == ';';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

}
