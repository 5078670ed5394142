package nnparity.cli;

import java.math.BigInteger;
import java.util.regex.Pattern;

import nnparity.spec.Activation;
import nnparity.spec.GradNorm;
import nnparity.spec.Init;
import nnparity.spec.Loss;
import nnparity.spec.LrSchedule;
import nnparity.spec.Updater;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Flag value parsers. Each keeps the user's text and fails with an {@link Invalid} reason, which
 * {@link Main} prints as one line: {@code error: FLAG VALUE is invalid; REASON}, e.g.
 * {@code error: --lr 1e-400 is invalid; it must be a finite number > 0, e.g. 0.1 (1e-400 rounds to 0 in double)}.
 *
 * <p>Numbers are read in plain decimal only: whole numbers as {@code [+-]digits}, real numbers as
 * {@code [+-]digits[.digits][e[+-]digits]}. Java's other spellings ({@code 0.5f}, {@code 1d},
 * {@code 0x1p3}, {@code 0x10}, {@code NaN}, {@code Infinity}, {@code 1_000}) are refused, since a
 * user who types them most likely did not mean what Java would read.
 */
final class Converters {
    private Converters() {
    }

    /** Why a flag's value is invalid, without the flag and value (Main adds them from picocli's ArgSpec). */
    static final class Invalid extends TypeConversionException {
        Invalid(String reason) {
            super(reason);
        }
    }

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** A whole number in [min, max], read from decimal digits only. */
    static long wholeNumber(String s, long min, long max) {
        String range = "it must be a whole number from " + min + " to " + max;
        if (!WHOLE.matcher(s).matches()) throw new Invalid(range);
        BigInteger v = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) throw new Invalid(range);
        return v.longValueExact();
    }

    /**
     * A finite double read from plain decimal text, else {@link Invalid} with {@code range}. Text
     * beyond the double range, or a nonzero value that rounds to 0, is refused with that reason.
     */
    static double finiteDecimal(String s, String range) {
        if (!DECIMAL.matcher(s).matches()) throw new Invalid(range);
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) throw new Invalid(range + " (" + s + " is beyond the largest double, 1.8e308)");
        if (v == 0 && s.replaceFirst("[eE].*", "").matches(".*[1-9].*"))
            throw new Invalid(range + " (" + s + " is below the smallest double, 4.9e-324, and rounds to 0)");
        return v;
    }

    abstract static class IntAtLeast implements ITypeConverter<Integer> {
        private final int min;

        IntAtLeast(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String s) {
            return (int) wholeNumber(s, min, Integer.MAX_VALUE);
        }
    }

    /** {@code --epochs}, {@code --steps}, {@code --dl4j-threads}: a whole number ≥ 0. */
    static final class Count extends IntAtLeast {
        Count() {
            super(0);
        }
    }

    /** {@code --hidden}, {@code --batch}, {@code --points}, {@code --limit}, {@code --sample}: a whole number ≥ 1. */
    static final class Size extends IntAtLeast {
        Size() {
            super(1);
        }
    }

    /** {@code --every}: a whole number ≥ 1, up to Long.MAX_VALUE. */
    static final class Every implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            return wholeNumber(s, 1, Long.MAX_VALUE);
        }
    }

    /** {@code --seed}: any long. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            return wholeNumber(s, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** {@code --lr}: a finite number > 0. */
    static final class LearningRate implements ITypeConverter<Double> {
        static final String RANGE = "it must be a finite number > 0, e.g. 0.1";

        @Override
        public Double convert(String s) {
            double v = finiteDecimal(s, RANGE);
            if (!(v > 0)) throw new Invalid(RANGE);
            return v;
        }
    }

    /** {@code --l1}, {@code --l2}, {@code --weight-decay}, …: a finite number ≥ 0 (0 = off). */
    static final class Coefficient implements ITypeConverter<Double> {
        static final String RANGE = "it must be a finite number ≥ 0 (0 = off), e.g. 1e-4";

        @Override
        public Double convert(String s) {
            double v = finiteDecimal(s, RANGE);
            if (!(v >= 0)) throw new Invalid(RANGE);
            return v;
        }
    }

    /** {@code --momentum}, {@code --beta1}, {@code --beta2}, {@code --rms-decay}, {@code --rho}: a decay in [0, 1). */
    static final class Decay implements ITypeConverter<Double> {
        static final String RANGE = "it must be a number in [0, 1), e.g. 0.9";

        @Override
        public Double convert(String s) {
            double v = finiteDecimal(s, RANGE);
            if (!(v >= 0 && v < 1)) throw new Invalid(RANGE);
            return v;
        }
    }

    /** {@code --keep-prob}: the chance a unit is kept, in (0, 1]. */
    static final class KeepProb implements ITypeConverter<Double> {
        static final String RANGE = "it must be the probability of keeping a unit, in (0, 1], e.g. 0.8 to drop 20% (1 = no dropout)";

        @Override
        public Double convert(String s) {
            double v = finiteDecimal(s, RANGE);
            if (!(v > 0 && v <= 1)) throw new Invalid(RANGE);
            return v;
        }
    }

    static final class UpdaterConverter implements ITypeConverter<Updater> {
        @Override
        public Updater convert(String s) {
            try {
                return Updater.fromId(s.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw unknown(e);
            }
        }
    }

    static final class GradNormConverter implements ITypeConverter<GradNorm.Mode> {
        @Override
        public GradNorm.Mode convert(String s) {
            try {
                return GradNorm.Mode.fromId(s.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw unknown(e);
            }
        }
    }

    static final class ScheduleUnitConverter implements ITypeConverter<LrSchedule.Unit> {
        @Override
        public LrSchedule.Unit convert(String s) {
            for (LrSchedule.Unit u : LrSchedule.Unit.values()) if (u.id().equalsIgnoreCase(s.trim())) return u;
            throw new Invalid("it must be one of: iteration | epoch");
        }
    }

    static final class LossConverter implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String s) {
            try {
                return Loss.parse(s);
            } catch (IllegalArgumentException e) {
                throw unknown(e);
            }
        }
    }

    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String s) {
            try {
                return Activation.parse(s);
            } catch (IllegalArgumentException e) {
                throw unknown(e);
            }
        }
    }

    static final class InitConverter implements ITypeConverter<Init> {
        @Override
        public Init convert(String s) {
            try {
                return Init.parse(s);
            } catch (IllegalArgumentException e) {
                throw unknown(e);
            }
        }
    }

    static final class TaskConverter implements ITypeConverter<Task> {
        @Override
        public Task convert(String s) {
            for (Task t : Task.values()) if (t.id().equalsIgnoreCase(s.trim())) return t;
            throw new Invalid("it must be one of: " + Task.validIds());
        }
    }

    static final class SidesConverter implements ITypeConverter<SidesChoice> {
        @Override
        public SidesChoice convert(String s) {
            for (SidesChoice c : SidesChoice.values()) if (c.id().equalsIgnoreCase(s.trim())) return c;
            throw new Invalid("it must be one of: " + SidesChoice.validIds());
        }
    }

    /** {@code x,y}: two finite decimal numbers separated by a comma, e.g. {@code 2,2} or {@code -0.5,1.5}. */
    static final class PointConverter implements ITypeConverter<double[]> {
        static final String RANGE = "it must be x,y: two finite decimal numbers separated by a comma, e.g. 2,2 or -0.5,1.5";

        @Override
        public double[] convert(String s) {
            String[] parts = s.split(",", -1);
            if (parts.length != 2) throw new Invalid(RANGE);
            return new double[]{finiteDecimal(parts[0].trim(), RANGE), finiteDecimal(parts[1].trim(), RANGE)};
        }
    }

    /** A name the parser did not know: keeps the {@code valid: …} list of its message. */
    static Invalid unknown(IllegalArgumentException e) {
        String m = e.getMessage();
        int at = m.indexOf("valid: ");
        return new Invalid(at < 0 ? m : "it must be one of: " + m.substring(at + "valid: ".length()));
    }
}
