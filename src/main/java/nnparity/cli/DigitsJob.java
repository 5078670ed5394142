package nnparity.cli;

import java.io.PrintWriter;

final class DigitsJob {
    DigitsJob(CompareCommand o, PrintWriter out) {
    }

    int run() {
        throw new UsageError("--task digits is not built yet");
    }
}
