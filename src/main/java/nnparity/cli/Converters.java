package nnparity.cli;

import java.util.Locale;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value parsers whose errors name the value and list what is valid. */
final class Converters {
    private Converters() {
    }

    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String s) {
            try {
                return Activation.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class InitConverter implements ITypeConverter<Init> {
        @Override
        public Init convert(String s) {
            try {
                return Init.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TaskConverter implements ITypeConverter<Task> {
        @Override
        public Task convert(String s) {
            for (Task t : Task.values()) if (t.id().equalsIgnoreCase(s.trim())) return t;
            throw new TypeConversionException("task '" + s + "' is not known; valid: quadrant | digits");
        }
    }

    /** {@code x,y}: two finite numbers separated by a comma, e.g. {@code 2,2} or {@code -0.5,1.5}. */
    static final class PointConverter implements ITypeConverter<double[]> {
        @Override
        public double[] convert(String s) {
            String[] parts = s.split(",", -1);
            if (parts.length != 2)
                throw new TypeConversionException("point '" + s + "' is not x,y; expected two numbers separated by a comma, e.g. 2,2");
            double[] p = new double[2];
            for (int i = 0; i < 2; i++) {
                try {
                    p[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("point '" + s + "': '" + parts[i] + "' is not a number; expected x,y, e.g. 2,2");
                }
                if (!Double.isFinite(p[i]))
                    throw new TypeConversionException("point '" + s + "': " + (i == 0 ? "x" : "y") + " must be finite");
            }
            return p;
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
