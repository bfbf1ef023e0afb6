package org.blockscope.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 13, case 18: a loss climbing to 10^7 or 10^31 used to end "normally"; the NaN advice always
 * blamed the learning rate. Each run here diverges for one reason and must stop naming it.
 */
class DivergenceTest {

    private static TrainingEvent last(Model m, TrainingConfig cfg, DataFeed data) throws InterruptedException {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        Trainer t = new Trainer(m, cfg, data, null);
        t.addListener(events::add);
        t.start();
        t.join();
        return events.get(events.size() - 1);
    }

    private static Model lenet() {
        return Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(1, DataType.FLOAT));
    }

    private static String failure(TrainingEvent e) {
        assertThat(e).isInstanceOf(TrainingEvent.Failed.class);
        return ((TrainingEvent.Failed) e).reason();
    }

    @Test
    void adamWithLearningRateOneMillionStopsOnTheRisingLoss() throws Exception {
        TrainingConfig cfg =
                new TrainingConfig(OptimizerConfig.Adam.defaults(), 1e6, new Schedule.Constant(), 16, 3, 1);

        String why = failure(last(lenet(), cfg, Synthetic.digits(160, 10, 28, 3)));

        assertThat(why)
                .containsPattern(
                        "the loss rose to \\d\\.\\d{3}e\\+\\d\\d in epoch 1, iteration \\d+, more than 100 times"
                                + " its start")
                .endsWith("training diverged; lower the learning rate (now 1.00e+06; try one tenth of it)");
    }

    @Test
    void sgdWithLearningRate1e30StopsLongBeforeTheLossReaches1e31() throws Exception {
        TrainingConfig cfg =
                new TrainingConfig(new OptimizerConfig.Sgd(0.9, false, 0), 1e30, new Schedule.Constant(), 16, 3, 1);

        String why = failure(last(lenet(), cfg, Synthetic.digits(160, 10, 28, 3)));

        assertThat(why).contains("training diverged; lower the learning rate (now 1.00e+30");
    }

    @Test
    void hugeWeightDecayIsNamedInsteadOfTheLearningRate() throws Exception {
        TrainingConfig cfg =
                new TrainingConfig(new OptimizerConfig.Sgd(0.9, false, 1e10), 1e-3, new Schedule.Constant(), 16, 3, 1);

        String why = failure(last(lenet(), cfg, Synthetic.digits(160, 10, 28, 3)));

        assertThat(why)
                .contains("training diverged; the weight decay is too large: with learning rate 0.001, weight decay"
                        + " 1.00e+10")
                .doesNotContain("lower the learning rate");
    }

    @Test
    void batchNormWithEpsZeroOnConstantImagesIsNamed() throws Exception {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 8, 8);
        x = b.conv("conv", x, 4, 3, 1, 1, 1, true);
        x = b.bn("bn", x, 0.0);
        x = b.relu("relu", x);
        x = b.gap("gap", x);
        x = b.fc("fc", x, 2, true);
        b.classifier("out", x);
        Graph g = b.graph();
        Model m = Compiler.compile(g, new Compiler.Options(1, DataType.FLOAT));
        ArrayData blank = new ArrayData(Nd4j.zeros(DataType.FLOAT, 16, 1, 8, 8), new int[16], false);
        TrainingConfig cfg = TrainingConfig.adam(1e-3, 8, 2);

        String why = failure(last(m, cfg, blank));

        assertThat(why)
                .contains("training diverged; batch norm 'bn' has eps 0 and its output is not finite")
                .endsWith("use eps 1e-5")
                .doesNotContain("lower the learning rate");
    }

    @Test
    void ordinaryTrainingIsNotStopped() throws Exception {
        TrainingConfig cfg = TrainingConfig.adam(1e-2, 16, 2); // high but sane: early spikes stay far below the limit
        assertThat(last(lenet(), cfg, Synthetic.digits(160, 10, 28, 3))).isInstanceOf(TrainingEvent.Finished.class);
    }
}
