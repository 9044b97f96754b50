package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written grammars accept exactly what the FHIR R4 regular expressions (as the check first used them)
 * accept: every edge value of each field, and a large sample of texts built from the pieces dates, times, numbers,
 * codes and URIs are made of, valid and broken.
 */
class PrimitiveGrammarTest {

    private static final String YEAR = "(?:[0-9](?:[0-9](?:[0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
    private static final String CLOCK = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?";
    private static final String ZONE = "(?:Z|(?:\\+|-)(?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    private static final String MONTH = "(?:0[1-9]|1[0-2])";
    private static final String DAY = "(?:0[1-9]|[1-2][0-9]|3[0-1])";

    /** Each grammar with the expression it replaces. */
    private static final Map<String, Grammar> GRAMMARS = Map.ofEntries(
            Map.entry("date", new Grammar(YEAR + "(?:-" + MONTH + "(?:-" + DAY + ")?)?", PrimitiveGrammar::date)),
            Map.entry("dateTime", new Grammar(YEAR + "(?:-" + MONTH + "(?:-" + DAY + "(?:T" + CLOCK + ZONE + ")?)?)?",
                    PrimitiveGrammar::dateTime)),
            Map.entry("instant", new Grammar(YEAR + "-" + MONTH + "-" + DAY + "T" + CLOCK + ZONE,
                    PrimitiveGrammar::instant)),
            Map.entry("time", new Grammar(CLOCK, PrimitiveGrammar::time)),
            Map.entry("decimal", new Grammar("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?",
                    PrimitiveGrammar::decimal)),
            Map.entry("integer", new Grammar("[0]|[-+]?[1-9][0-9]*", PrimitiveGrammar::integer)),
            Map.entry("unsignedInt", new Grammar("[0]|([1-9][0-9]*)", PrimitiveGrammar::unsignedInt)),
            Map.entry("positiveInt", new Grammar("\\+?[1-9][0-9]*", PrimitiveGrammar::positiveInt)),
            Map.entry("code", new Grammar("[^\\s]+(?: [^\\s]+)*", PrimitiveGrammar::code)),
            Map.entry("noSpace", new Grammar("\\S+", PrimitiveGrammar::noSpace)),
            Map.entry("id", new Grammar("[A-Za-z0-9\\-\\.]{1,64}", PrimitiveGrammar::id)));

    /** The pieces the sample texts are made of: field values at and past their bounds, separators, stray characters. */
    private static final List<String> PIECES = List.of("", "0", "1", "9", "00", "01", "09", "10", "12", "13", "14", "19",
            "20", "23", "24", "29", "30", "31", "32", "59", "60", "61", "99", "0000", "0001", "0010", "0100", "1000",
            "2020", "2021", "9999", "-", "+", ":", ".", "T", "t", "Z", "z", "e", "E", " ", "  ", "\t", "\n", "\u000B",
            "\f", "\r", "\u00A0", "\u2003", "\uFF12", "\u0662", "a", "x", "/", "14:00", "14:01", "13:59", "-05:00",
            "+14:00", ".5", ".", "e+5", "E-07", "e", "http://loinc.org", "Patient/p1", "\uD83D\uDE00");

    private record Grammar(Pattern pattern, Predicate<String> reader) {
        Grammar(String regex, Predicate<String> reader) {
            this(Pattern.compile(regex), reader);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "dateTime", "instant", "time", "decimal", "integer", "unsignedInt",
            "positiveInt", "code", "noSpace", "id"})
    void grammar_acceptsWhatItsExpressionAccepts(String name) {
        Grammar grammar = GRAMMARS.get(name);
        List<String> texts = new ArrayList<>(edgeTexts());
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 200_000; i++) {
            texts.add(randomText(random));
        }
        int accepted = 0;
        for (String text : texts) {
            boolean expected = grammar.pattern().matcher(text).matches();
            assertThat(grammar.reader().test(text)).as("%s of \"%s\"", name, text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample holds valid %s texts too", name).isGreaterThan(20);
    }

    /** Valid texts and their one-character variants: each field one off, separators swapped, ends trimmed. */
    private static List<String> edgeTexts() {
        List<String> valid = List.of("2020", "2020-02", "2020-02-29", "0001-01-01", "2020-12-31T23:59:60.123456+14:00",
                "2020-01-01T00:00:00Z", "2022-03-14T23:30:00-05:00", "2022-03-15T01:02:03.123Z", "00:00:00", "23:59:59.9",
                "0", "-0", "0.0", "-0.50", "1e999999", "-1E+999999", "49.999999999999999", "12", "+7", "-12",
                "6690-2", "a b c", "10*9/L", "http://loinc.org", "urn:uuid:abc", "Patient/p1",
                "cart-1.v2", "x".repeat(64));
        List<String> texts = new ArrayList<>(valid);
        for (String text : valid) {
            for (int i = 0; i < text.length(); i++) {
                texts.add(text.substring(0, i) + text.substring(i + 1));
                for (char c : "09-:.TZ+ e\t\u0662".toCharArray()) {
                    texts.add(text.substring(0, i) + c + text.substring(i + 1));
                }
            }
            texts.add(" " + text);
            texts.add(text + " ");
        }
        return texts;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(9);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }
}
