package nnparity.data;

/**
 * One mini-batch as both networks receive it: the rows of the examples {@code indices}, their
 * features {@code x} [rows, nIn] and one-hot labels {@code t} [rows, nOut], row-major.
 */
public record Batch(int[] indices, double[] x, double[] t, int[] labels, int nIn, int nOut) {

    public int rows() {
        return indices.length;
    }

    /** Gathers examples {@code indices} of {@code data} into a batch. */
    public static Batch of(LabelledData data, int[] indices) {
        int nIn = data.nFeatures(), nOut = data.nClasses(), n = indices.length;
        double[] x = new double[n * nIn], t = new double[n * nOut];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            data.copyFeatures(indices[r], x, r * nIn);
            labels[r] = data.label(indices[r]);
            t[r * nOut + labels[r]] = 1;
        }
        return new Batch(indices.clone(), x, t, labels, nIn, nOut);
    }

    /** All of {@code data}, in order: for evaluation. */
    public static Batch all(LabelledData data) {
        int[] idx = new int[data.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return of(data, idx);
    }
}
