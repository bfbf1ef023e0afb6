package org.blockscope.app.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.blockscope.design.SmallDigits;
import org.blockscope.design.Trial;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compound-scaling and search view-models, without JavaFX running. */
class DesignViewModelsTest {

    static final Path SAMPLES = SmallDigits.SAMPLES;

    static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 1200 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void draggingPhiRecomputesTheCostsBesideTheOriginals() throws Exception {
        ScalingViewModel vm =
                new ScalingViewModel(Templates.graph("efficientnet_b0"), "EfficientNet-B0", Runnable::run);
        await(() -> vm.reportProperty().get() != null, "first result");
        assertThat(vm.rowsProperty().get())
                .contains(new ScalingViewModel.Row("Parameters", "5,288,548", "9,109,994", "×1.723"));

        vm.phiProperty().set(2);
        await(() -> vm.scaled() != null && vm.reportProperty().get().scaling().width() > 1.2, "φ = 2");

        assertThat(vm.depthProperty().get()).isCloseTo(1.44, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.rowsProperty().get())
                .contains(new ScalingViewModel.Row("Input", "3×224×224", "3×296×296", ""))
                .contains(new ScalingViewModel.Row("MACs per image", "385,814,752", "1,810,522,464", "×4.693"));
        assertThat(vm.growthProperty().get()).contains("d·w²·r² predicts ×3.687");

        vm.compoundProperty().set(false);
        vm.widthProperty().set(2);
        await(() -> vm.reportProperty().get().scaling().width() == 2, "width by hand");
        assertThat(vm.reportProperty().get().scaling().depth())
                .isCloseTo(1.44, org.assertj.core.data.Offset.offset(1e-9));
        vm.shutdown();
    }

    @Test
    void sampleThenSearchFillsTheTableAndThePlotsAndKeepsTheBest(@TempDir Path tmp) throws Exception {
        Path data = SmallDigits.copy(tmp, 12);
        SearchViewModel vm =
                new SearchViewModel(null, SAMPLES.resolve("spaces/regnet-digits.json"), data, Runnable::run);
        vm.samplesProperty().set(3);
        vm.budgetMacsProperty().set("400K");
        vm.epochsProperty().set(1);

        vm.sample();
        await(() -> vm.rows().size() == 3, "three networks drawn");
        assertThat(vm.spacePlotProperty().get().points()).hasSize(3);
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.candidate().macs()).isLessThanOrEqualTo(400_000));

        vm.search();
        assertThat(vm.runningProperty().get()).isTrue();
        await(
                () -> !vm.runningProperty().get(),
                "search ended: " + vm.messageProperty().get());

        assertThat(vm.messageProperty().get()).startsWith("Trained 3 networks in");
        assertThat(vm.rows()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("done");
            assertThat(r.accuracy()).isBetween(0.0, 1.0);
        });
        assertThat(vm.accuracyPlotProperty().get().points()).hasSize(3);
        assertThat(vm.edfPlotProperty().get().points()).hasSize(3);
        Trial best = vm.best().orElseThrow();
        assertThat(vm.trials()).allSatisfy(t -> assertThat(t.accuracy()).isLessThanOrEqualTo(best.accuracy()));
        vm.shutdown();
    }

    @Test
    void theCurrentNetworkIsASpaceAndAnEmptyOneIsExplained() throws Exception {
        SearchViewModel vm = new SearchViewModel(Templates.graph("resnet20"), null, null, Runnable::run);
        vm.aroundCurrentProperty().set(true);
        vm.budgetMacsProperty().set("");
        vm.samplesProperty().set(4);
        vm.sample();
        await(() -> vm.rows().size() == 4, "four variants of ResNet-20");
        assertThat(vm.rows().get(0).candidate().choices()).containsKeys("n1", "width");

        SearchViewModel empty = new SearchViewModel(org.blockscope.graph.Graph.EMPTY, null, null, Runnable::run);
        empty.aroundCurrentProperty().set(true);
        empty.sample();
        assertThat(empty.messageProperty().get()).isEqualTo("the current network is empty: open one first");
        SearchViewModel noBudget =
                new SearchViewModel(null, SAMPLES.resolve("spaces/regnet-digits.json"), null, Runnable::run);
        noBudget.budgetMacsProperty().set("lots");
        noBudget.sample();
        assertThat(noBudget.messageProperty().get())
                .isEqualTo("MAC budget: expected a count like 2000000, 2M or 50K, got 'lots'");
    }
}
