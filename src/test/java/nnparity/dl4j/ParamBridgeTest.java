package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class ParamBridgeTest {
    /** Copies move bits; nothing is computed. */
    static final double EXACT = 0;

    private final NetSpec spec = NetSpec.quadrant().withSizes(3, 5, 4).withInit(Init.XAVIER);

    @Test
    void parametersRoundTripBitForBit() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamSet p = ParamSet.initial(spec);
        ParamBridge.write(p, net);
        assertEquals(p, ParamBridge.read(net));
    }

    @Test
    void dl4jFlatViewStoresWColumnMajorAfterEachOther() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamSet p = ParamSet.initial(spec);
        ParamBridge.write(p, net);
        INDArray flat = net.params();
        DenseParams l1 = p.layer(1), l2 = p.layer(2);
        int nIn = l1.nIn(), nH = l1.nOut();
        // 0_W: flat = i + j·nIn ; 0_b after it ; 1_W: offset + i + j·nHidden ; 1_b last
        for (int i = 0; i < nIn; i++)
            for (int j = 0; j < nH; j++) assertEquals(l1.w(i, j), flat.getDouble(i + (long) j * nIn), EXACT);
        for (int j = 0; j < nH; j++) assertEquals(l1.b()[j], flat.getDouble(nIn * nH + j), EXACT);
        long off = (long) nIn * nH + nH;
        for (int i = 0; i < nH; i++)
            for (int j = 0; j < l2.nOut(); j++) assertEquals(l2.w(i, j), flat.getDouble(off + i + (long) j * nH), EXACT);
        assertEquals(p.count(), flat.length());
    }

    @Test
    void theTwinIsBuiltInDoublePrecision() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        assertEquals(DataType.DOUBLE, net.params().dataType());
        assertEquals(DataType.DOUBLE, net.getLayerWiseConfigurations().getDataType());
    }
}
