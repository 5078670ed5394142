package nnparity.dl4j;

import java.util.HashMap;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

import nnparity.spec.LrSchedule;

/**
 * DL4J's {@code ISchedule} for an {@link LrSchedule}, field for field:
 *
 * <pre>
 *   STEP         new StepSchedule(type, initial, gamma, step)
 *   EXPONENTIAL  new ExponentialSchedule(type, initial, gamma)
 *   INVERSE      new InverseSchedule(type, initial, gamma, power)
 *   POLY         new PolySchedule(type, initial, power, maxIter)
 *   SIGMOID      new SigmoidSchedule(type, initial, gamma, (int) step)
 *   MAP          new MapSchedule(type, values)
 * </pre>
 *
 * with {@code type} = {@code ScheduleType.ITERATION} or {@code EPOCH}. An updater takes it in place of
 * its fixed rate, e.g. {@code new Adam(schedule)} or {@code new Sgd(schedule)}; DL4J asks it for
 * {@code valueAt(iteration, epoch)} at every update (see {@link LrSchedule} for how DL4J counts).
 */
public final class Dl4jSchedules {
    private Dl4jSchedules() {
    }

    public static ISchedule of(LrSchedule s) {
        ScheduleType type = type(s.unit());
        return switch (s.kind()) {
            case STEP -> new StepSchedule(type, s.initial(), s.gamma(), s.step());
            case EXPONENTIAL -> new ExponentialSchedule(type, s.initial(), s.gamma());
            case INVERSE -> new InverseSchedule(type, s.initial(), s.gamma(), s.power());
            case POLY -> new PolySchedule(type, s.initial(), s.power(), s.maxIter());
            case SIGMOID -> new SigmoidSchedule(type, s.initial(), s.gamma(), (int) s.step());
            case MAP -> new MapSchedule(type, new HashMap<>(s.values()));
        };
    }

    public static ScheduleType type(LrSchedule.Unit u) {
        return switch (u) {
            case ITERATION -> ScheduleType.ITERATION;
            case EPOCH -> ScheduleType.EPOCH;
        };
    }
}
