package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.run.RunMetadata;
import org.blockscope.engine.train.Checkpoints;
import org.blockscope.graph.Graph;
import org.blockscope.io.AtomicFiles;
import org.blockscope.io.GraphFiles;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, case 1: {@code train --save} killed with SIGKILL at many moments must always leave a
 * checkpoint that loads, with its {@code data.json}. Each kill point is a child JVM training a small
 * network whose 13 MB checkpoint is saved after every (tiny) epoch, so most of its time goes to saving;
 * it is killed at a random moment after its first save, then the folder is examined as a user would
 * find it.
 */
class CheckpointKillTest {

    static final int KILL_POINTS = 21;
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+)/", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** What one kill left behind. */
    record Outcome(
            int point, long delayMs, boolean killedRunning, boolean tempPresent, int printedEpoch, int savedEpoch) {}

    /** input 1×8×8 → GAP-free FC 16384 → FC 2: 1.1 M parameters, 13 MB per checkpoint with Adam's moments. */
    private static Graph wide() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 8, 8);
        x = b.add("flat", Primitive.FLATTEN, Params.EMPTY, x);
        x = b.fc("fc", x, 16384, true); // its size makes saving the larger part of every epoch
        x = b.fc("fc2", x, 2, true);
        b.classifier("out", x);
        return b.graph();
    }

    @Test
    void killedDuringSaveTheCheckpointAlwaysLoads() throws Exception {
        Path graph = dir.resolve("wide.bsg.json");
        GraphFiles.write(wide(), graph);
        Path data = dir.resolve("data");
        Fixtures.imageFolder(data, 6);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        Random random = new Random(13);
        for (int k = 0; k < KILL_POINTS; k++) {
            int point = k;
            long delay = random.nextInt(1500);
            futures.add(pool.submit(() -> killOnce(point, delay, graph, data)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();

        long midWrite = outcomes.stream().filter(Outcome::tempPresent).count();
        long killed = outcomes.stream().filter(Outcome::killedRunning).count();
        String summary = String.format(
                "kill test: %d kill points (SIGKILL after the first save, 0-1500 ms), %d while running, %d with a"
                        + " temporary file present (killed mid-write); every one left a checkpoint that loads with its"
                        + " data.json, saved epochs %d..%d",
                outcomes.size(),
                killed,
                midWrite,
                outcomes.stream().mapToInt(Outcome::savedEpoch).min().orElse(0),
                outcomes.stream().mapToInt(Outcome::savedEpoch).max().orElse(0));
        System.out.println(summary);
        Files.writeString(
                Path.of("target", "kill-test.txt"),
                summary + "\n" + outcomes.stream().map(Outcome::toString).reduce("", (a, b) -> a + b + "\n"));
        assertThat(outcomes).hasSize(KILL_POINTS);
        assertThat(killed).as(summary).isGreaterThanOrEqualTo(KILL_POINTS - 2);
        assertThat(midWrite).as(summary).isPositive();
    }

    private Outcome killOnce(int point, long delayMs, Path graph, Path data) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("p" + point));
        Path ckpt = folder.resolve("run.ckpt");
        Path log = folder.resolve("out.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BlockscopeCli.class.getName(),
                        "train",
                        graph.toString(),
                        "--data",
                        data.toString(),
                        "--epochs",
                        "100000",
                        "--batch",
                        "12",
                        "--save",
                        ckpt.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1"); // two children share the two cores
        Process child = builder.start();
        child.getOutputStream().close();
        boolean running;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(ckpt)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "point " + point + ": no first checkpoint; child said:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
            Thread.sleep(delayMs);
            running = child.isAlive();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            child.waitFor(30, TimeUnit.SECONDS);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        boolean temp = !temporaries(folder).isEmpty();
        String out = Files.readString(log);
        int printed = 0;
        for (Matcher m = EPOCH.matcher(out); m.find(); ) {
            printed = Integer.parseInt(m.group(1));
        }
        // what a user finds: the checkpoint loads, with the data.json that belongs to it
        Checkpoints.Checkpoint c = Checkpoints.load(ckpt);
        Model model = c.toModel();
        RunMetadata meta = RunMetadata.readFor(ckpt, model);
        assertThat(meta.classNames()).containsExactly("dark", "light");
        assertThat(c.epoch())
                .as("point %d: saved epoch vs last printed %d", point, printed)
                .isBetween(Math.max(1, printed - 1), Math.max(1, printed));
        // the next save cleans what the killed one left
        AtomicFiles.removeStaleTemporaries(folder, "run.ckpt");
        assertThat(temporaries(folder)).isEmpty();
        return new Outcome(point, delayMs, running, temp, printed, c.epoch());
    }

    private static List<Path> temporaries(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
