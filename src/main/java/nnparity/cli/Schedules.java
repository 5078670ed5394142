package nnparity.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nnparity.spec.LrSchedule;

/**
 * Reads {@code --schedule KIND[,key=value...]} into an {@link LrSchedule} that starts from the
 * updater's learning rate, e.g. {@code step,gamma=0.5,step=100} or {@code map,0=0.1,500=0.01}.
 * A missing, unknown or repeated key fails with one line naming the keys the kind takes.
 */
final class Schedules {
    private Schedules() {
    }

    private static final Map<LrSchedule.Kind, List<String>> KEYS = Map.of(
            LrSchedule.Kind.STEP, List.of("gamma", "step"),
            LrSchedule.Kind.EXPONENTIAL, List.of("gamma"),
            LrSchedule.Kind.INVERSE, List.of("gamma", "power"),
            LrSchedule.Kind.POLY, List.of("power", "maxIter"),
            LrSchedule.Kind.SIGMOID, List.of("gamma", "step"),
            LrSchedule.Kind.MAP, List.of());

    /** @throws UsageError naming the bad part of {@code text} and what is valid */
    static LrSchedule parse(String text, LrSchedule.Unit unit, double initial) {
        String[] parts = text.split(",", -1);
        LrSchedule.Kind kind = null;
        for (LrSchedule.Kind k : LrSchedule.Kind.values()) if (k.id().equals(parts[0].trim())) kind = k;
        if (kind == null)
            throw new UsageError("--schedule " + text + " is invalid; it must start with one of: step, exponential, inverse, poly, sigmoid, map");
        List<String> keys = KEYS.get(kind);
        String usage = kind == LrSchedule.Kind.MAP ? "map,0=LR,T=LR… (a learning rate from each " + unit.id() + " T on; T = 0 is needed)"
                : kind.id() + "," + String.join(",", keys.stream().map(k -> k + "=X").toList());
        Map<String, Double> named = new LinkedHashMap<>();
        TreeMap<Integer, Double> map = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", -1);
            if (kv.length != 2) throw new UsageError("--schedule " + text + ": '" + parts[i] + "' is not key=value; use " + usage);
            String key = kv[0].trim();
            double v = number(text, kv[1].trim(), usage);
            if (kind == LrSchedule.Kind.MAP) {
                int t;
                try {
                    t = (int) Converters.wholeNumber(key, 0, Integer.MAX_VALUE);
                } catch (Converters.Invalid e) {
                    throw new UsageError("--schedule " + text + ": '" + key + "' is not a " + unit.id() + " ≥ 0; use " + usage);
                }
                if (map.put(t, v) != null) throw new UsageError("--schedule " + text + ": " + unit.id() + " " + t + " is given twice");
            } else {
                if (!keys.contains(key)) throw new UsageError("--schedule " + text + ": " + kind.id() + " has no '" + key + "'; use " + usage);
                if (named.put(key, v) != null) throw new UsageError("--schedule " + text + ": '" + key + "' is given twice");
            }
        }
        for (String k : keys) if (!named.containsKey(k)) throw new UsageError("--schedule " + text + " lacks " + k + "; use " + usage);
        try {
            return switch (kind) {
                case STEP -> LrSchedule.step(unit, initial, named.get("gamma"), named.get("step"));
                case EXPONENTIAL -> LrSchedule.exponential(unit, initial, named.get("gamma"));
                case INVERSE -> LrSchedule.inverse(unit, initial, named.get("gamma"), named.get("power"));
                case POLY -> LrSchedule.poly(unit, initial, named.get("power"), wholeMaxIter(text, named.get("maxIter")));
                case SIGMOID -> LrSchedule.sigmoid(unit, initial, named.get("gamma"), named.get("step"));
                case MAP -> LrSchedule.map(unit, map);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageError("--schedule " + text + " is invalid: " + e.getMessage());
        }
    }

    private static double number(String text, String v, String usage) {
        try {
            return Converters.finiteDecimal(v, "");
        } catch (Converters.Invalid e) {
            throw new UsageError("--schedule " + text + ": '" + v + "' is not a finite decimal number; use " + usage);
        }
    }

    private static int wholeMaxIter(String text, double v) {
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE)
            throw new UsageError("--schedule " + text + ": maxIter " + v + " is invalid; it must be a whole number ≥ 1");
        return (int) v;
    }
}
