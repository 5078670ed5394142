package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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
    void theDefaultCountsEveryLayersParameters() {
        NetSpec deep = NetSpec.quadrant().withSizes(2, List.of(100, 50), 4);   // 300 + 5050 + 204 = 5554
        assertTrue(Coverage.defaultFor(deep).isAll());
        // 2-100-50-k-4 has 300 + 5050 + 51k + 4k + 4 = 5354 + 55k parameters
        assertTrue(Coverage.defaultFor(deep.withSizes(2, List.of(100, 50, 84), 4)).isAll(), "9,974 parameters");
        NetSpec deeper = deep.withSizes(2, List.of(100, 50, 85), 4);
        assertEquals(Coverage.DEFAULT_SAMPLE, Coverage.defaultFor(deeper).maxPerWeightGroup(), "10,029 parameters");
        // each group draws its own sample
        Coverage c = Coverage.sample(20, 3);
        assertFalse(Arrays.equals(c.indices(new Group(2, false), deeper), c.indices(new Group(3, false), deeper)));
        assertEquals(20, c.indices(new Group(3, false), deeper).length);
        assertEquals(85, c.indices(new Group(3, true), deeper).length);
    }

    @Test
    void toStringSaysWhatIsChecked() {
        assertEquals("all", Coverage.all().toString());
        assertEquals("200 per weight group (seeded), all biases", Coverage.sample(200, 1).toString());
    }
}
