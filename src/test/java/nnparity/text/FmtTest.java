package nnparity.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every printed figure goes through these; each case is the literal text a reader sees. */
class FmtTest {

    @ParameterizedTest(name = "sci({0}) = {1}")
    @CsvSource({
            "0.0, 0",
            "-0.0, 0",
            "2.220446049250313E-16, 2.2e-16",
            "1.0E-12, 1.0e-12",
            "0.00447, 4.5e-3",
            "0.0725, 7.3e-2",           // half up from the shortest decimal, 0.0725 (C's printf: 7.2e-02, from 0.07249999…)
            "1.0, 1.0e+0",
            "4.16, 4.2e+0",
            "15.0, 1.5e+1",
            "-3.0E-5, -3.0e-5",
            "1.0E100, 1.0e+100",
            "4.9E-324, 4.9e-324",
            "NaN, NaN",
            "Infinity, Infinity",
            "-Infinity, -Infinity",
    })
    void differencesPrintWithOneDecimalAndNoLeadingZeroInTheExponent(double v, String printed) {
        assertEquals(printed, Fmt.sci(v));
    }

    @ParameterizedTest(name = "pct({0}) = ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "0.996530 | ' 99.7%'",
            "0.265107 | ' 26.5%'",
            "1.0      | '100.0%'",
            "0.0      | '  0.0%'",
    })
    void probabilitiesPrintAsPercentagesPaddedToSixCharacters(double p, String printed) {
        assertEquals(printed, Fmt.pct(p));
    }

    @ParameterizedTest(name = "coord({0}) = {1}")
    @CsvSource({
            "2.0, 2",
            "-1.0, -1",
            "-1.75, -1.75",
            "0.1, 0.1",
            "1.0E15, 1.0E15",
            "999999999999999.0, 999999999999999",
    })
    void coordinatesPrintWithoutTrailingZeros(double v, String printed) {
        assertEquals(printed, Fmt.coord(v));
    }

    @ParameterizedTest(name = "secs({0}) = {1}")
    @CsvSource({
            "0.0312, 0.0312 s",
            "0.277, 0.277 s",
            "5.87, 5.87 s",
            "9.994, 9.99 s",
            "10.0, 10.0 s",
            "13.74, 13.7 s",
            "125.06, 125.1 s",
    })
    void secondsPrintWithThreeSignificantDigitsBelowTenAndOneDecimalAbove(double s, String printed) {
        assertEquals(printed, Fmt.secs(s));
    }

    @ParameterizedTest(name = "count({0}, {1}) = {2}")
    @CsvSource({
            "1, step, 1 step",
            "0, step, 0 steps",
            "2, epoch, 2 epochs",
            "1000, epoch, 1000 epochs",
            "-1, step, -1 steps",
    })
    void countsTakeThePluralUnlessTheyAreOne(long n, String noun, String printed) {
        assertEquals(printed, Fmt.count(n, noun));
    }

    @ParameterizedTest(name = "every({0}, {1}) = {2}")
    @CsvSource({
            "1000, 20, 50",
            "20, 20, 1",
            "5, 20, 1",
            "21, 20, 2",
            "1800, 20, 100",
            "600, 6, 100",
            "601, 6, 200",
            "2400, 6, 500",
            "5000, 6, 1000",
            "9000, 1, 10000",
    })
    void tableIntervalsAreOneTwoOrFiveTimesAPowerOfTenGivingAtMostTheRowsAsked(long total, int rows, long every) {
        assertEquals(every, Fmt.every(total, rows));
    }
}
