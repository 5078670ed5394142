package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkPlotTest {
    /** JMH's scores as printed (6 decimals in µs), divided by 1000: exact to about 1e-16 relative. */
    private static final double PARSED = 1e-12;

    @TempDir
    Path tmp;

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: api\",\"Param: dtype\",\"Param: input\",\"Param: shape\",\"Param: threads\",\"Param: workspaces\"\n";

    private Path results() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("full-1"));
        Files.writeString(dir.resolve("hand.csv"), "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                + "\"Param: input\",\"Param: shape\",\"Param: threads\"\n"
                + "\"nnparity.bench.HandWrittenBench.step\",\"avgt\",1,5,731.700641,94.5,\"us/op\",data,784-50-10x100,auto\n"
                + "\"nnparity.bench.HandWrittenBench.step\",\"avgt\",1,5,51.214535,9.0,\"us/op\",data,784-50-10x1,auto\n"
                + "\"nnparity.bench.HandWrittenBench.infer\",\"avgt\",1,5,11.9,1.2,\"us/op\",data,784-50-10x1,auto\n"
                + "\"nnparity.bench.HandWrittenBench.step\",\"avgt\",1,5,5.0,1.8,\"us/op\",data,2-50-4x4,auto\n");
        Files.writeString(dir.resolve("dl4j.csv"), HEADER
                + "\"nnparity.bench.Dl4jBench.step\",\"avgt\",1,5,2926.457579,19.0,\"us/op\",dataset,double,data,784-50-10x100,1,ENABLED\n"
                + "\"nnparity.bench.Dl4jBench.step\",\"avgt\",1,5,999.0,19.0,\"us/op\",dataset,float,data,784-50-10x100,1,ENABLED\n"
                + "\"nnparity.bench.Dl4jBench.step\",\"avgt\",1,5,888.0,19.0,\"us/op\",dataset,double,data,784-50-10x100,2,ENABLED\n"
                + "\"nnparity.bench.Dl4jBench.step\",\"avgt\",1,5,1.5,0.1,\"ms/op\",dataset,double,data,784-800-10x1,1,ENABLED\n");
        return dir;
    }

    @Test
    void theSweepTakesTrainingStepsOf784H10AtDl4jsSuiteDefaults() throws IOException {
        Path dir = results();
        List<BenchmarkPlot.Point> hand = BenchmarkPlot.read(dir.resolve("hand.csv")), dl4j = BenchmarkPlot.read(dir.resolve("dl4j.csv"));
        assertEquals(2, hand.size(), "infer and the 2-50-4 shape are not the sweep");
        assertEquals(new BenchmarkPlot.Point("hand-written", 50, 1, 0.051214535), hand.get(0));
        assertEquals(0.731700641, hand.get(1).millis(), PARSED);
        assertEquals(2, dl4j.size(), "float and 2 threads are left out");
        assertEquals(2.926457579, dl4j.get(0).millis(), PARSED);
        assertEquals(1.5, dl4j.get(1).millis(), PARSED, "ms/op taken as it is");
        assertEquals(800, dl4j.get(1).hidden());
    }

    @Test
    void theSweepIsDrawnIntoTheResultsFolder() throws IOException {
        Path dir = results();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchmarkPlot.run(new String[]{dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Picture p = new Picture("sweep.png", "sweep", Files.readAllBytes(dir.resolve("sweep.png")));
        PngAssert.validPng(p, 1100, 750);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("sweep: "));
    }

    @Test
    void aFolderWithoutASweepDrawsNothingAndAMissingFolderIsExit2() throws IOException {
        Path quick = Files.createDirectory(tmp.resolve("quick-1"));
        Files.writeString(quick.resolve("epoch.csv"), "\"Benchmark\",\"Score\"\n\"nnparity.bench.EpochBench.handWritten\",3.1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, BenchmarkPlot.run(new String[]{quick.toString()}, o, e));
        assertFalse(Files.exists(quick.resolve("sweep.png")));
        assertEquals(2, BenchmarkPlot.run(new String[]{tmp.resolve("none").toString()}, o, e));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().split("\n").length, "one line");
        assertEquals(2, BenchmarkPlot.run(new String[0], o, e));
    }

    @Test
    void csvFieldsLoseTheirQuotesAndUnitsConvertToMilliseconds() {
        assertEquals(List.of("a", "b,c", "", "1.5"), BenchmarkPlot.fields("\"a\",\"b,c\",,1.5"));
        assertEquals(1e-6, BenchmarkPlot.perMillisecond("ns/op"));
        assertEquals(1e-3, BenchmarkPlot.perMillisecond("us/op"));
        assertEquals(1.0, BenchmarkPlot.perMillisecond("ms/op"));
        assertEquals(1e3, BenchmarkPlot.perMillisecond("s/op"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkPlot.perMillisecond("ops/s"));
    }
}
