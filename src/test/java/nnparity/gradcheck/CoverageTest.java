package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import nnparity.spec.NetSpec;

class CoverageTest {
    private static final Group W1 = new Group(1, false), B1 = new Group(1, true), W2 = new Group(2, false), B2 = new Group(2, true);

    @Test
    void aSampleHasThatManyDistinctSortedWeightsAndEveryBias() {
        NetSpec spec = NetSpec.digits();
        Coverage c = Coverage.sample(200, 7);
        int[] w1 = c.indices(W1, spec);
        assertEquals(200, w1.length);
        assertEquals(200, IntStream.of(w1).distinct().count());
        for (int i = 1; i < w1.length; i++) assertTrue(w1[i - 1] < w1[i]);
        assertTrue(w1[0] >= 0 && w1[199] < 784 * 50);
        assertEquals(200, c.indices(W2, spec).length);
        assertArrayEquals(IntStream.range(0, 50).toArray(), c.indices(B1, spec));
        assertArrayEquals(IntStream.range(0, 10).toArray(), c.indices(B2, spec));
        assertArrayEquals(w1, Coverage.sample(200, 7).indices(W1, spec), "seeded");
    }

    @Test
    void smallNetsAreCheckedCompletelyByDefaultAndLargeOnesSampled() {
        assertTrue(Coverage.defaultFor(NetSpec.quadrant()).isAll());
        assertEquals(Coverage.DEFAULT_SAMPLE, Coverage.defaultFor(NetSpec.digits()).maxPerWeightGroup());
        assertEquals(100, Coverage.all().indices(W1, NetSpec.quadrant()).length);
        assertThrows(IllegalArgumentException.class, () -> Coverage.sample(0, 1));
    }

    @Test
    void toStringSaysWhatIsChecked() {
        assertEquals("all", Coverage.all().toString());
        assertEquals("200 per weight group (seeded), all biases", Coverage.sample(200, 1).toString());
    }
}
