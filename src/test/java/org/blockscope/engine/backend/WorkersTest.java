package org.blockscope.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.blockscope.engine.kernel.Activation;
import org.blockscope.engine.kernel.ActivationKernel;
import org.blockscope.engine.kernel.AddKernel;
import org.blockscope.engine.kernel.BatchNormKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WorkersTest {
    @AfterEach
    void restore() {
        Workers.setThreads(0);
    }

    @org.junit.jupiter.api.Test
    void aLimitOnTheCallingThreadKeepsItsLoopsOnItOnlyAndOtherThreadsKeepTheirs() throws Exception {
        Workers.setThreads(2);
        java.util.Set<Thread> ranOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Workers.limitCallingThread(1);
        try {
            Workers.forEach(1000, Workers.MIN_VALUES, i -> ranOn.add(Thread.currentThread()));
            assertThat(ranOn).containsExactly(Thread.currentThread());
            assertThat(Workers.threadCount()).isEqualTo(1);
            int[] other = new int[1];
            Thread t = new Thread(() -> other[0] = Workers.threadCount());
            t.start();
            t.join();
            assertThat(other[0]).as("another thread is not limited").isEqualTo(2);
        } finally {
            Workers.limitCallingThread(0);
        }
        ranOn.clear();
        Workers.forEach(1000, Workers.MIN_VALUES, i -> ranOn.add(Thread.currentThread()));
        assertThat(ranOn).hasSize(2);
    }

    @ParameterizedTest(name = "{0} tasks on {1} threads")
    @CsvSource({"1, 2", "2, 2", "3, 2", "7, 3", "1000, 2", "1001, 4", "5, 8"})
    void everyTaskRunsExactlyOnce(int tasks, int threads) {
        Workers.setThreads(threads);
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        Workers.forEach(tasks, Workers.MIN_VALUES, runs::incrementAndGet);
        for (int i = 0; i < tasks; i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "failure in share {0}")
    @ValueSource(ints = {0, 9})
    void aFailureInAnyShareReachesTheCaller(int failing) {
        Workers.setThreads(2);
        assertThatThrownBy(() -> Workers.forEach(10, Workers.MIN_VALUES, i -> {
                    if (i == failing) {
                        throw new IllegalStateException("task " + i);
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("task " + failing);
        AtomicIntegerArray runs = new AtomicIntegerArray(10); // still usable afterwards
        Workers.forEach(10, Workers.MIN_VALUES, runs::incrementAndGet);
        assertThat(runs.get(9)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 3})
    void parallelKernelsEqualTheSingleThreadedOnes(int threads) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 12, 40, 40).subi(0.4).muli(3); // 153,600 values
        INDArray dy = Nd4j.rand(DataType.FLOAT, 8, 12, 40, 40).subi(0.5);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 12).addi(0.5), beta = Nd4j.rand(DataType.FLOAT, 12);
        Workers.setThreads(1);
        var bn1 = BatchNormKernel.forwardTrain(x, gamma, beta, null, null, 0.1, 1e-5);
        ParamGrads g1 = BatchNormKernel.backward(bn1.saved(), gamma, dy);
        INDArray r1 = ActivationKernel.forward(Activation.RELU, x),
                rb1 = ActivationKernel.backward(Activation.RELU, x, dy);
        INDArray a1 = AddKernel.forward(x, dy, x);
        Workers.setThreads(threads);
        var bn2 = BatchNormKernel.forwardTrain(x, gamma, beta, null, null, 0.1, 1e-5);
        ParamGrads g2 = BatchNormKernel.backward(bn2.saved(), gamma, dy);
        assertThat(bn2.y()).isEqualTo(bn1.y());
        assertThat(g2.dx()).isEqualTo(g1.dx());
        assertThat(g2.dw()).isEqualTo(g1.dw());
        assertThat(g2.db()).isEqualTo(g1.db());
        assertThat(ActivationKernel.forward(Activation.RELU, x)).isEqualTo(r1);
        assertThat(ActivationKernel.backward(Activation.RELU, x, dy)).isEqualTo(rb1);
        assertThat(AddKernel.forward(x, dy, x)).isEqualTo(a1);
        assertThat(r1.minNumber().doubleValue()).isZero();
        float xf = x.getFloat(1, 2, 3, 4), df = dy.getFloat(1, 2, 3, 4);
        assertThat(a1.getFloat(1, 2, 3, 4)).isEqualTo((xf + df) + xf); // summed in input order
    }
}
