package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Quantity;

/** Unit normalisation of clinical-rules C-06 on UCUM codes. BigDecimal only, so 0.0001 x 100 is exactly 0.01. */
final class UcumUnits {

    static final int MAX_EXPANDED_DIGITS = 30;
    /** A UCUM annotation: curly braces and what they hold. */
    private static final Pattern ANNOTATION = Pattern.compile("\\{[^{}]*}");
    /**
     * The annotations left out of a unit: those that only name what is counted ("{cells}/uL" is "/uL", "%{blasts}"
     * is "%"). UCUM gives
     * every annotation no unit, but labs write multipliers in them ("{x10E3}/uL", "{K}/uL"): such a unit read without
     * its annotation would be a thousand times too low, so it is not convertible.
     */
    private static final Pattern COUNTED = Pattern.compile("\\{(?i:cells?|blasts?|white cells|leukocytes)}");

    private UcumUnits() {
    }

    /** A white cell count in 10^9/L (= 10^3/uL), or empty when the unit is not one the contract accepts (I4). */
    /** A conversion of a UCUM quantity (value, system, code) to the unit the rules read; empty if it has another unit. */
    @FunctionalInterface
    interface Conversion {
        Optional<BigDecimal> apply(BigDecimal value, String system, String code);
    }

    /**
     * A quantity as the rules would read it (comparator and converted value), to tell results that say different
     * things from copies of one result: "0.005 1" and "0.5 %" are one value.
     */
    static String asRead(Quantity quantity, Conversion conversion) {
        return quantity.getComparator() + " " + conversion.apply(quantity.getValue(), quantity.getSystem(), quantity.getCode())
                .map(BigDecimal::stripTrailingZeros).map(BigDecimal::toPlainString)
                .orElse(quantity.getValue() + " " + quantity.getCode());
    }

    static Optional<BigDecimal> wbcPer10e9L(BigDecimal value, String system, String code) {
        if (value == null || !isUcum(system) || code == null) {
            return Optional.empty();
        }
        return switch (withoutAnnotations(code)) {
            case "10*3/uL", "10*9/L" -> Optional.of(normalise(value));
            case "/uL", "/mm3" -> Optional.of(normalise(value.movePointLeft(3)));
            default -> Optional.empty();
        };
    }

    /** A percentage: {@code %} as is, {@code 1} (a fraction) times 100 (I8, E5); else empty. */
    static Optional<BigDecimal> percent(BigDecimal value, String system, String code) {
        // an annotation alone is UCUM's 1, but a lab that writes "{cells}" counts cells: no fraction to multiply
        if (value == null || !isUcum(system) || code == null || ANNOTATION.matcher(code).matches()) {
            return Optional.empty();
        }
        return switch (withoutAnnotations(code)) {
            case "%" -> Optional.of(normalise(value));
            case "1" -> Optional.of(normalise(value.movePointRight(2)));
            default -> Optional.empty();
        };
    }

    /** The unit a UCUM code stands for, an annotation naming what is counted left out; that alone is "1" (UCUM: unity). */
    static String withoutAnnotations(String code) {
        String unit = COUNTED.matcher(code).replaceAll("");
        return unit.isEmpty() && !code.isEmpty() ? "1" : unit;
    }

    /** A Quantity without a system is read as UCUM; one with another system is not convertible. */
    private static boolean isUcum(String system) {
        return system == null || system.isEmpty() || Codes.UCUM.equals(system);
    }

    /**
     * Smallest scale that keeps the value, never negative: 50.000 → 50, 0.0100 → 0.01 (so record equality holds). A
     * value beyond 10^{@value #MAX_EXPANDED_DIGITS} stays in exponent form: 1e999999 must never be written out.
     */
    static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 && stripped.scale() >= -MAX_EXPANDED_DIGITS ? stripped.setScale(0) : stripped;
    }
}
