package org.blockscope.engine.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blockscope.design.Candidate;
import org.blockscope.design.DesignSpace;
import org.blockscope.design.Sampler;
import org.blockscope.design.SmallDigits;
import org.blockscope.design.SpaceFiles;
import org.blockscope.design.Trial;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search is reproducible by its seeds: the same sample trained twice gives the same accuracies. */
class SearchTest {

    @TempDir
    static Path tmp;

    private static List<Candidate> candidates;
    private static TrainingData data;

    @BeforeAll
    static void sampleAndLoad() throws Exception {
        DesignSpace space = SpaceFiles.read(Path.of("sample-images/spaces/regnet-digits.json"));
        candidates = Sampler.sample(space, 3, new Sampler.Budget(400_000L, Long.MAX_VALUE), 11)
                .candidates();
        data = Search.load(DataSpec.detect(SmallDigits.copy(tmp, 16), null), space.input(), 0.25, 11);
    }

    private static List<Trial> search(long seed, int threads) throws InterruptedException {
        List<Trial> progress = new ArrayList<>();
        List<Trial> trials = new Search(
                        candidates, data, TrainingConfig.adam(0.002, 16, 2).withSeed(seed))
                .threads(threads)
                .run(new Search.Listener() {
                    @Override
                    public void started(Candidate c, int of) {}

                    @Override
                    public void progress(Candidate c, double p, double loss) {}

                    @Override
                    public void finished(Trial t) {
                        progress.add(t);
                    }
                });
        assertThat(progress).isEqualTo(trials);
        return trials;
    }

    private static List<double[]> results(List<Trial> trials) {
        return trials.stream().map(t -> new double[] {t.accuracy(), t.loss()}).toList();
    }

    @Test
    void theSameSeedsGiveTheSameTrialsAndAnotherTrainingSeedOthers() throws Exception {
        assertThat(candidates).hasSize(3);
        List<Trial> first = search(5, 1);
        List<Trial> again = search(5, 1);
        List<Trial> other = search(6, 1);

        assertThat(first).allSatisfy(t -> assertThat(t.ok()).as(t.failure()).isTrue());
        assertThat(first).extracting(Trial::candidate).isEqualTo(candidates);
        assertThat(results(again)).usingRecursiveFieldByFieldElementComparator().isEqualTo(results(first));
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).loss()).isEqualTo(first.get(i).loss()); // bit for bit
        }
        // the training seed reaches the candidates' initial weights and the batch order
        boolean anyDiffers = false;
        for (int i = 0; i < first.size(); i++) {
            anyDiffers |= other.get(i).loss() != first.get(i).loss();
        }
        assertThat(anyDiffers).as("seed 6 trains differently from seed 5").isTrue();
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Search(candidates, data, TrainingConfig.adam(0.002, 16, 1)).threads(0))
                .hasMessage("threads must be at least 1, got 0");
    }
}
