package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a metrics file as train.py writes it: whole lines only, a new run from the start. */
class MetricsFollowerTest {

    @Test
    void returnsEachCompletedLineOnceAndStartsOverWhenTheFileShrinks(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        assertThat(follower.poll()).isEmpty(); // not there yet

        Files.writeString(
                f,
                "{\"kind\": \"iteration\", \"epoch\": 1, \"iteration\": 10, \"loss\": 0.9, \"lr\": 0.1}\n"
                        + "{\"kind\": \"iteration\", \"epoch\": 1, \"iter");
        List<MetricsFollower.Metric> first = follower.poll();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).iteration()).isEqualTo(10);
        assertThat(first.get(0).loss()).isEqualTo(0.9);

        Files.writeString(
                f,
                "ation\": 20, \"loss\": 0.7, \"lr\": 0.1}\nnot json\n"
                        + "{\"kind\": \"epoch\", \"epoch\": 1, \"loss\": 0.8, \"val_loss\": 0.5, \"val_accuracy\": 0.9}\n",
                StandardOpenOption.APPEND);
        List<MetricsFollower.Metric> next = follower.poll();
        assertThat(next).extracting(MetricsFollower.Metric::kind).containsExactly("iteration", "epoch");
        assertThat(next.get(0).loss()).isEqualTo(0.7);
        assertThat(next.get(1).isEpoch()).isTrue();
        assertThat(next.get(1).iteration())
                .as("an epoch line sits at the last iteration")
                .isEqualTo(20);
        assertThat(next.get(1).valAccuracy()).isEqualTo(0.9);
        assertThat(follower.poll()).isEmpty();

        Files.writeString(f, "{\"kind\": \"iteration\", \"epoch\": 1, \"iteration\": 10, \"loss\": 2.0}\n");
        assertThat(follower.poll()).extracting(MetricsFollower.Metric::loss).containsExactly(2.0);
    }
}
