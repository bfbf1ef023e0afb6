package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.design.SmallDigits;
import org.blockscope.io.GraphFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockscope search} as a user runs it: sampling only, and a small search to the end. */
class SearchCliTest {

    private static final String SPACE = "sample-images/spaces/regnet-digits.json";

    @Test
    void samplingOnlyListsTheNetworksWithinTheBudgetAndIsReproducible() {
        SummaryCliTest.Run a = SummaryCliTest.run("search", SPACE, "--budget-macs", "400K", "--samples", "4");
        SummaryCliTest.Run b = SummaryCliTest.run("search", SPACE, "--budget-macs", "400K", "--samples", "4");

        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.out()).contains("drew 4 networks").isEqualTo(b.out());
        List<String> rows = a.out().lines().filter(l -> l.startsWith("#")).toList();
        assertThat(rows).hasSize(4);
        for (String row : rows) { // "#1     12,345 params    345,678 MACs  ..."
            long macs =
                    Long.parseLong(row.split("params")[1].trim().split(" ")[0].replace(",", ""));
            assertThat(macs).isLessThanOrEqualTo(400_000);
        }
    }

    @Test
    void aSmallSearchRunsToTheEndAndWritesResultsPlotsAndTheBest(@TempDir Path dir) throws Exception {
        Path data = SmallDigits.copy(dir, 12);
        Path out = dir.resolve("out");
        SummaryCliTest.Run r = SummaryCliTest.run(
                "search",
                SPACE,
                "--data",
                data.toString(),
                "--budget-macs",
                "400K",
                "--samples",
                "3",
                "--epochs",
                "1",
                "--out",
                out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 networks in").contains("best: #");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(4); // header and one line per network
        assertThat(Files.readString(out.resolve("search.svg"))).startsWith("<svg");
        assertThat(Files.readString(out.resolve("space.svg"))).startsWith("<svg");
        NetworkAnalysis best = NetworkAnalysis.of(GraphFiles.read(out.resolve("best" + GraphFiles.EXTENSION)));
        assertThat(best.diagnostics()).isEmpty();
        assertThat(best.total().macs()).isLessThanOrEqualTo(400_000);
    }

    @Test
    void aBudgetNothingFitsIsExplained() {
        SummaryCliTest.Run r = SummaryCliTest.run("search", SPACE, "--budget-macs", "10", "--samples", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no network of the space fits the budget: raise it or change the space");
    }
}
