package org.allcds.prefetch;

/**
 * The FHIR R4 grammars of the primitives {@link PrimitiveCheck} holds values to, read character by character. They
 * were regular expressions; a matcher cost more than the rest of the check (every URI, code and date of the record is
 * read), and these readers accept exactly the same texts ({@code PrimitiveGrammarTest} compares them with the
 * expressions). Digits are ASCII only; the white space a code or URI must not hold is that of {@code \s}: space, tab,
 * line feed, vertical tab, form feed and carriage return.
 */
final class PrimitiveGrammar {

    private static final int NO = -1;

    private PrimitiveGrammar() {
    }

    /** {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}. */
    static boolean date(String text) {
        int at = year(text, 0);
        at = at == text.length() ? at : monthAndDay(text, at);
        return at == text.length();
    }

    /** A date, or a full date with a time of day and a zone. */
    static boolean dateTime(String text) {
        int at = year(text, 0);
        if (at == text.length()) {
            return true;
        }
        at = monthAndDay(text, at);
        return at == text.length() || at == 10 && timeAndZone(text, at) == text.length();
    }

    /** A full date with a time of day and a zone. */
    static boolean instant(String text) {
        int at = monthAndDay(text, year(text, 0));
        return at == 10 && timeAndZone(text, at) == text.length();
    }

    /** {@code hh:mm:ss} with optional fractional seconds. */
    static boolean time(String text) {
        return clock(text, 0) == text.length();
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    static boolean decimal(String text) {
        int at = sign(text, 0, false);
        at = at < text.length() && text.charAt(at) == '0' ? at + 1 : leadingNonZero(text, at);
        if (at != NO && at < text.length() && text.charAt(at) == '.') {
            at = digits(text, at + 1);
        }
        if (at != NO && at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at = digits(text, sign(text, at + 1, true));
        }
        return at == text.length();
    }

    /** {@code 0} or {@code [-+]?[1-9][0-9]*} */
    static boolean integer(String text) {
        return "0".equals(text) || leadingNonZero(text, sign(text, 0, true)) == text.length();
    }

    /** {@code [0]|([1-9][0-9]*)}: an integer without a sign (its range, as an integer's, is HAPI's to check). */
    static boolean unsignedInt(String text) {
        return "0".equals(text) || leadingNonZero(text, 0) == text.length();
    }

    /** {@code +?[1-9][0-9]*} */
    static boolean positiveInt(String text) {
        return leadingNonZero(text, text.startsWith("+") ? 1 : 0) == text.length();
    }

    /** Runs of non-white characters joined by single spaces. */
    static boolean code(String text) {
        if (text.isEmpty() || text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' && (c == ' ' ? text.charAt(i - 1) == ' ' : isWhite(c))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9\-\.]{1,64}}: a resource id. */
    static boolean id(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** At least one character and no white space. */
    static boolean noSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' && (c == ' ' || isWhite(c))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** White space other than the plain space: tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isWhite(char c) {
        return c >= '\t' && c <= '\r';
    }

    /** Four digits other than 0000. */
    private static int year(String text, int at) {
        int end = digits(text, at, 4);
        return end == NO || text.startsWith("0000", at) ? NO : end;
    }

    /** {@code -MM} then an optional {@code -DD}, from {@code at}; NO if what follows is neither. */
    private static int monthAndDay(String text, int at) {
        int month = at == NO ? NO : number(text, separated(text, at, '-'), 1, 12);
        if (month == NO || month == text.length()) {
            return month;
        }
        return number(text, separated(text, month, '-'), 1, 31);
    }

    /** {@code Thh:mm:ss[.s+]} then a zone. */
    private static int timeAndZone(String text, int at) {
        int clock = clock(text, separated(text, at, 'T'));
        return clock == NO || clock == text.length() ? NO : zone(text, clock);
    }

    private static int clock(String text, int at) {
        int end = number(text, at, 0, 23);
        end = number(text, separated(text, end, ':'), 0, 59);
        end = number(text, separated(text, end, ':'), 0, 60);
        return end != NO && end < text.length() && text.charAt(end) == '.' ? digits(text, end + 1) : end;
    }

    /** {@code Z}, or {@code +}/{@code -} and an offset from 00:00 to 13:59, or 14:00. */
    private static int zone(String text, int at) {
        char c = text.charAt(at);
        if (c == 'Z') {
            return at + 1;
        }
        if (c != '+' && c != '-') {
            return NO;
        }
        if (text.startsWith("14:00", at + 1)) {
            return at + 6;
        }
        return number(text, separated(text, number(text, at + 1, 0, 13), ':'), 0, 59);
    }

    /** The index after {@code separator} at {@code at}, or NO. */
    private static int separated(String text, int at, char separator) {
        return at != NO && at < text.length() && text.charAt(at) == separator ? at + 1 : NO;
    }

    /** Two digits from {@code at} with a value from {@code min} to {@code max}: the index after them, or NO. */
    private static int number(String text, int at, int min, int max) {
        int end = digits(text, at, 2);
        if (end == NO) {
            return NO;
        }
        int value = (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
        return value >= min && value <= max ? end : NO;
    }

    /** Exactly {@code count} digits from {@code at}: the index after them, or NO. */
    private static int digits(String text, int at, int count) {
        if (at == NO || at + count > text.length()) {
            return NO;
        }
        for (int i = at; i < at + count; i++) {
            if (!isDigit(text.charAt(i))) {
                return NO;
            }
        }
        return at + count;
    }

    /** One digit or more from {@code at}: the index after them, or NO. */
    private static int digits(String text, int at) {
        if (at == NO || at >= text.length() || !isDigit(text.charAt(at))) {
            return NO;
        }
        int end = at + 1;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** A digit 1-9 and any digits after it: the index after them, or NO. */
    private static int leadingNonZero(String text, int at) {
        return at == NO || at >= text.length() || text.charAt(at) == '0' ? NO : digits(text, at);
    }

    /** The index after an optional sign ({@code -}, or {@code +} too when {@code plus}); NO stays NO. */
    private static int sign(String text, int at, boolean plus) {
        if (at == NO || at >= text.length()) {
            return at;
        }
        char c = text.charAt(at);
        return c == '-' || plus && c == '+' ? at + 1 : at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
