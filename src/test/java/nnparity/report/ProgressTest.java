package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Progress on stderr: at most one line per interval, with rate and time left, never for the last step. */
class ProgressTest {
    static final long SECOND = 1_000_000_000L;

    /** A clock the test moves by hand. */
    static final class Clock {
        long now;
    }

    @Test
    void printsOnlyOncePerIntervalWithRateAndTimeLeft() {
        StringWriter sw = new StringWriter();
        Clock clock = new Clock();
        Progress p = new Progress(new PrintWriter(sw, true), "step", () -> clock.now, 5 * SECOND);

        clock.now = 4 * SECOND;
        p.done(400, 9_000);
        assertEquals("", sw.toString(), "nothing before the interval");

        clock.now = 5 * SECOND;
        p.done(500, 9_000);
        clock.now = 6 * SECOND;
        p.done(600, 9_000);
        assertEquals("progress: step 500 of 9,000 (5.6%), 100 steps/s, about 85 s left\n", sw.toString());

        clock.now = 100 * SECOND;
        p.done(9_000, 9_000);
        assertEquals(1, sw.toString().lines().count(), "the last step prints no progress: the table and verdict follow");
    }

    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource({"45, 45 s", "720, 12 min", "12600, 3.5 h", "1036800, 12 days"})
    void durationsReadNaturally(double seconds, String text) {
        assertEquals(text, Progress.duration(seconds));
    }
}
