package org.blockscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.blockscope.design.Scaling;
import org.blockscope.design.ScalingReport;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "scale",
        description = "Scale a network in depth, width and resolution (EfficientNet's compound scaling) and"
                + " compare its costs with the original's ('blockscope explain compound-scaling' tells why).")
final class ScaleCommand implements Callable<Integer> {

    @Mixin
    GraphSource source;

    @Option(
            names = "--phi",
            paramLabel = "φ",
            description = "compound coefficient: depth 1.2^φ, width 1.1^φ, resolution 1.15^φ (Tan and Le 2019)")
    Double phi;

    @Option(names = "--depth", paramLabel = "D", description = "multiplies the repeats of every stage (rounded up)")
    Double depth;

    @Option(names = "--width", paramLabel = "W", description = "multiplies every channel count (multiples of 8)")
    Double width;

    @Option(names = "--resolution", paramLabel = "R", description = "multiplies the input's height and width")
    Double resolution;

    @Option(names = "--save", paramLabel = "FILE", description = "write the scaled network (*.bsg.json)")
    Path save;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scaling scaling;
        try {
            scaling = scaling();
        } catch (IllegalArgumentException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        Graph g;
        try {
            g = source.load();
        } catch (GraphSource.Failure f) {
            return BlockscopeCli.fail(err, f.getMessage());
        }
        ScalingReport report = ScalingReport.of(g, scaling);
        out.println(source.title() + (phi != null ? ", compound scaling φ = " + phi : ""));
        out.print(report.text());
        out.flush();
        if (!report.scaled().valid()) {
            return BlockscopeCli.invalid(
                    err,
                    org.blockscope.analysis.NetworkAnalysis.of(report.graph()).diagnostics());
        }
        if (save != null) {
            try {
                GraphFiles.write(report.graph(), save);
            } catch (GraphFileException e) {
                return BlockscopeCli.fail(err, e.getMessage());
            }
            out.println("saved " + save);
            out.flush();
        }
        return 0;
    }

    private Scaling scaling() {
        if (phi != null) {
            if (depth != null || width != null || resolution != null) {
                throw new IllegalArgumentException("give either --phi or --depth/--width/--resolution, not both");
            }
            return Scaling.compound(phi);
        }
        if (depth == null && width == null && resolution == null) {
            throw new IllegalArgumentException("nothing to scale: give --phi or --depth, --width, --resolution");
        }
        return new Scaling(depth == null ? 1 : depth, width == null ? 1 : width, resolution == null ? 1 : resolution);
    }
}
