package org.allcds.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UcumUnitsTest {

    private static final String UCUM = Codes.UCUM;

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void wbc_perMicrolitre_isDividedByThousand() {
        // E4: 50,000 /uL = 50 x 10^9/L
        assertThat(UcumUnits.wbcPer10e9L(n("50000"), UCUM, "/uL")).contains(n("50"));
    }

    @Test
    void wbc_perCubicMillimetre_isDividedByThousand() {
        assertThat(UcumUnits.wbcPer10e9L(n("4500"), UCUM, "/mm3")).contains(n("4.5"));
    }

    @Test
    void wbc_thousandsPerMicrolitre_isTakenAsIs() {
        // E4: 50 10*3/uL = 50 x 10^9/L
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, "10*3/uL")).contains(n("50"));
    }

    @Test
    void wbc_perLitreTimesTenToTheNinth_isTakenAsIs() {
        assertThat(UcumUnits.wbcPer10e9L(n("12.5"), UCUM, "10*9/L")).contains(n("12.5"));
    }

    @Test
    void wbc_bothNotationsOfFiftyThousand_areEqualFacts() {
        assertThat(UcumUnits.wbcPer10e9L(n("50000"), UCUM, "/uL"))
                .isEqualTo(UcumUnits.wbcPer10e9L(n("50.0"), UCUM, "10*3/uL"));
    }

    @Test
    void wbc_annotatedUnits_areTheUnitsTheyAnnotate() {
        // curly braces carry no unit: {cells}/uL is /uL, 10*3{cells}/uL is 10*3/uL
        assertThat(UcumUnits.wbcPer10e9L(n("50000"), UCUM, "{cells}/uL")).contains(n("50"));
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, "10*3{cells}/uL")).contains(n("50"));
        // a multiplier written in an annotation is a lab's, not UCUM's: read without it, 85 000/uL would be 0.085
        assertThat(UcumUnits.wbcPer10e9L(n("85"), UCUM, "{x10E3}/uL")).isEmpty();
        assertThat(UcumUnits.wbcPer10e9L(n("85"), UCUM, "{K}/uL")).isEmpty();
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, "10*9{white cells}/L")).contains(n("50"));
    }

    @Test
    void annotations_areLeftOut_andAnAnnotationAloneIsUnity() {
        assertThat(UcumUnits.withoutAnnotations("{cells}/uL")).isEqualTo("/uL");
        assertThat(UcumUnits.withoutAnnotations("%{blasts}")).isEqualTo("%");
        assertThat(UcumUnits.withoutAnnotations("{cells}")).isEqualTo("1");
        assertThat(UcumUnits.withoutAnnotations("10*3/uL")).isEqualTo("10*3/uL");
        assertThat(UcumUnits.withoutAnnotations("{cells")).as("an unclosed brace is no annotation").isEqualTo("{cells");
    }

    @Test
    void percent_annotatedPercent_isPercent_butACountOfCellsIsNoFraction() {
        assertThat(UcumUnits.percent(n("0.02"), UCUM, "%{blasts}")).contains(n("0.02"));
        // "0 {cells}" is a count without its denominator: read as the fraction 0 it would say MRD negative
        assertThat(UcumUnits.percent(n("0"), UCUM, "{cells}")).isEmpty();
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, "{cells}")).isEmpty();
    }

    @Test
    void wbc_otherUnit_isNotConvertible() {
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, "g/L")).isEmpty();
    }

    @Test
    void wbc_unitOfAnotherCodeSystem_isNotConvertible() {
        assertThat(UcumUnits.wbcPer10e9L(n("50"), "http://lab.example.org/units", "10*3/uL")).isEmpty();
    }

    @Test
    void wbc_unitWithoutSystem_isReadAsUcum() {
        assertThat(UcumUnits.wbcPer10e9L(n("50"), null, "10*3/uL")).contains(n("50"));
    }

    @Test
    void wbc_missingUnit_isNotConvertible() {
        assertThat(UcumUnits.wbcPer10e9L(n("50"), UCUM, null)).isEmpty();
    }

    @Test
    void percent_fraction_isMultipliedByHundred() {
        // E5: 0.0001 with unit 1 = 0.01 %
        BigDecimal percent = UcumUnits.percent(n("0.0001"), UCUM, "1").orElseThrow();
        assertThat(percent).isEqualByComparingTo("0.01");
        assertThat(percent).isEqualTo(n("0.01"));
    }

    @Test
    void percent_percent_isTakenAsIs() {
        assertThat(UcumUnits.percent(n("0.05"), UCUM, "%")).contains(n("0.05"));
    }

    @Test
    void percent_otherUnit_isNotConvertible() {
        assertThat(UcumUnits.percent(n("5"), UCUM, "/uL")).isEmpty();
    }

    @Test
    void normalise_dropsTrailingZerosButKeepsIntegersPlain() {
        assertThat(UcumUnits.normalise(n("50.000")).toPlainString()).isEqualTo("50");
        assertThat(UcumUnits.normalise(n("0.0100")).toPlainString()).isEqualTo("0.01");
        assertThat(UcumUnits.normalise(n("100")).toPlainString()).isEqualTo("100");
    }
}
