import java.util.List;
import java.util.NoSuchElementException;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.Batch;
import nnparity.data.BatchOrder;
import nnparity.data.LabelledData;
import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * The lockstep's batches as a DL4J {@link DataSetIterator}: epoch e yields the batches of
 * {@code BatchOrder.epoch(e)}, built by {@link Batch#of} (the very arrays the lockstep feeds both
 * sides), and {@link #reset()} moves to the next epoch, as {@code fit(iterator, epochs)} calls it.
 * For the examples' parity tests.
 */
final class LockstepBatches implements DataSetIterator {
    private final LabelledData data;
    private final BatchOrder order;
    private final int batch;
    private int epoch;
    private int[][] batches;
    private int next;

    LockstepBatches(LabelledData data, int batch, long seed) {
        this.data = data;
        this.order = new BatchOrder(data.size(), batch, seed);
        this.batch = batch;
        this.batches = order.epoch(0);
    }

    /** Max |a − b| over every weight and bias of two parameter sets of the same shape. */
    static double maxAbsDiff(ParamSet a, ParamSet b) {
        double max = 0;
        for (int k = 0; k < a.layers().size(); k++) {
            DenseParams x = a.layers().get(k), y = b.layers().get(k);
            for (int i = 0; i < x.w().length; i++) max = Math.max(max, Math.abs(x.w()[i] - y.w()[i]));
            for (int i = 0; i < x.b().length; i++) max = Math.max(max, Math.abs(x.b()[i] - y.b()[i]));
        }
        return max;
    }

    /** True when every weight and bias of the two sets is the same double. */
    static boolean bitIdentical(ParamSet a, ParamSet b) {
        for (int k = 0; k < a.layers().size(); k++) {
            if (!java.util.Arrays.equals(a.layers().get(k).w(), b.layers().get(k).w()) || !java.util.Arrays.equals(a.layers().get(k).b(), b.layers().get(k).b())) return false;
        }
        return true;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " is over");
        Batch b = Batch.of(data, batches[next++]);
        return new DataSet(Nd4j.create(b.x(), new long[]{b.rows(), b.nIn()}, 'c'), Nd4j.create(b.t(), new long[]{b.rows(), b.nOut()}, 'c'));
    }

    @Override public DataSet next() { return next(batch); }
    @Override public boolean hasNext() { return next < batches.length; }
    @Override public int inputColumns() { return data.nFeatures(); }
    @Override public int totalOutcomes() { return data.nClasses(); }
    @Override public boolean resetSupported() { return true; }
    @Override public boolean asyncSupported() { return false; }
    @Override public int batch() { return batch; }
    @Override public void setPreProcessor(DataSetPreProcessor p) { throw new UnsupportedOperationException("the lockstep's batches are already scaled"); }
    @Override public DataSetPreProcessor getPreProcessor() { return null; }
    @Override public List<String> getLabels() { return null; }

    @Override
    public void reset() {
        batches = order.epoch(++epoch);
        next = 0;
    }
}
