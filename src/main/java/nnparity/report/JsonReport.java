package nnparity.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnparity.parity.Divergence;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;

/**
 * The {@code --report FILE} summary as a JSON object. Keys: {@code task}, {@code spec},
 * {@code layers} (one object per dense layer: {@code type}, {@code nIn}, {@code nOut},
 * {@code activation}, {@code regularization}, and for the output layer {@code loss} and
 * {@code lossClipEps}), {@code train}, {@code steps}, {@code verdict}, {@code maxAbsLossDiff}, {@code maxScaledLossDiff},
 * {@code maxAbsGradDiff}, {@code maxAbsParamDiff} ({@code maxAbsStateDiff} too for an updater with state), {@code predictionAgreement},
 * {@code maxAbsProbDiff}, {@code firstDivergence}, {@code finalLoss}, {@code seconds},
 * {@code tolerances}, {@code diverged}, {@code predictions}. Callers may add keys.
 */
public final class JsonReport {
    private JsonReport() {
    }

    /** The spec's dense layers, input side first, as JSON objects. */
    static List<Object> layers(NetSpec spec) {
        List<Object> out = new ArrayList<>();
        List<LayerSpec> all = spec.layers();
        for (int k = 0; k < all.size(); k++) {
            LayerSpec l = all.get(k);
            boolean output = k == all.size() - 1;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", output ? "OutputLayer" : "DenseLayer");
            e.put("nIn", spec.nIn(k));
            e.put("nOut", l.nOut());
            e.put("activation", l.activation().id());
            if (output) {
                e.put("loss", spec.loss().name());
                e.put("lossClipEps", spec.lossClipEps());
            }
            Regularization g = l.regularization();
            Map<String, Object> reg = new LinkedHashMap<>();
            reg.put("l1", g.l1());
            reg.put("l2", g.l2());
            reg.put("l1Bias", g.l1Bias());
            reg.put("l2Bias", g.l2Bias());
            reg.put("weightDecay", g.weightDecay());
            reg.put("weightDecayBias", g.weightDecayBias());
            reg.put("weightDecayTimesLr", g.weightDecayTimesLr());
            e.put("regularization", reg);
            out.add(e);
        }
        return out;
    }

    public static Map<String, Object> summary(Verdict v, Tolerances tol, List<String> pointLabels, List<String> classNames) {
        LockstepResult r = v.run();
        Predictions p = v.predictions();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", r.task());
        m.put("spec", r.spec().toString());
        m.put("layers", layers(r.spec()));
        m.put("train", r.train().toString());
        m.put("steps", r.steps().size());
        m.put("verdict", v.outcome().name());
        m.put("maxAbsLossDiff", r.maxAbsLossDiff());
        m.put("maxScaledLossDiff", r.maxScaledLossDiff());
        m.put("maxAbsGradDiff", r.maxAbsGradDiff());
        m.put("maxAbsParamDiff", r.maxAbsParamDiff());
        if (r.spec().updater().type().hasState()) m.put("maxAbsStateDiff", r.maxAbsStateDiff());
        m.put("predictionAgreement", p.agreement());
        m.put("maxAbsProbDiff", p.maxAbsProbDiff());
        m.put("firstDivergence", divergence(v.firstDivergence()));
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("handWritten", r.last() == null ? null : r.last().lossScratch());
        loss.put("dl4j", r.last() == null ? null : r.last().lossDl4j());
        m.put("finalLoss", loss);
        Map<String, Object> secs = new LinkedHashMap<>();
        secs.put("handWritten", r.secondsScratch());
        secs.put("dl4j", r.secondsDl4j());
        m.put("seconds", secs);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("lossScaled", tol.lossScaled());
        t.put("gradScaled", tol.gradScaled());
        t.put("paramScaled", tol.paramScaled());
        t.put("probScaled", tol.probScaled());
        m.put("tolerances", t);
        m.put("diverged", r.diverged());
        if (pointLabels != null) {
            List<Object> preds = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("point", pointLabels.get(i));
                e.put("classHandWritten", classNames.get(p.classScratch(i)));
                e.put("classDl4j", classNames.get(p.classDl4j(i)));
                e.put("pHandWritten", p.probScratch(i, p.classScratch(i)));
                e.put("pDl4j", p.probDl4j(i, p.classDl4j(i)));
                preds.add(e);
            }
            m.put("predictions", preds);
        }
        return m;
    }

    public static Map<String, Object> divergence(Divergence d) {
        if (d == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", d.step());
        m.put("phase", d.phase().name());
        if (d.state() != null) m.put("state", d.state());
        m.put("where", d.where());
        m.put("layer", d.layer() == 0 ? null : d.layer());
        m.put("param", d.param());
        m.put("index", d.row() < 0 ? null : List.of(d.row(), d.col()));
        m.put("handWritten", d.scratch());
        m.put("dl4j", d.dl4j());
        m.put("absDiff", d.absDiff());
        return m;
    }
}
