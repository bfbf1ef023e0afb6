package org.blockscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.blockscope.testing.Fixtures;
import org.blockscope.testing.Zips;

/**
 * {@code blockscope eval} on damaged checkpoints: exit 2 with one clear line, or exit 0 with exactly
 * the output of the undamaged checkpoint (a change the format does not depend on, such as a ZIP
 * timestamp). Damage: bytes of the file, values of manifest fields, data.json, tensor values.
 */
class CheckpointFuzzTest {

    private static String baseline;
    private static Map<String, byte[]> entries;
    private static byte[] file;

    private static synchronized void setUp() throws Exception {
        if (baseline == null) {
            Path ckpt = Fixtures.checkpoint();
            file = Files.readAllBytes(ckpt);
            entries = Zips.entries(ckpt);
            Fixtures.Run r = eval(ckpt);
            assertThat(r.exit()).as(r.err()).isZero();
            baseline = r.out();
        }
    }

    private static Fixtures.Run eval(Path ckpt) {
        return Fixtures.cli("eval", ckpt.toString(), "--data", Fixtures.data().toString());
    }

    private static void judge(String target, Path ckpt, String what) {
        Fixtures.Run r = eval(ckpt);
        if (r.exit() == 0) {
            assertThat(r.out())
                    .as("accepted a damaged checkpoint (%s) with a different result", what)
                    .isEqualTo(baseline);
            FuzzStats.accepted(target);
        } else {
            assertThat(r.exit()).as(what + ": " + r.err()).isEqualTo(2);
            FuzzStats.clear(r.err(), what);
            assertThat(r.err()).as(what).contains(ckpt.getFileName().toString());
            FuzzStats.refused(target);
        }
    }

    @Property(tries = 200, seed = "21")
    void damagedFileBytes(@ForAll long seed) throws Exception {
        setUp();
        Random r = new Random(seed);
        byte[] bytes = Mutations.mutate(file, r);
        Path ckpt = Files.write(Fixtures.root().resolve("fuzz-bytes.ckpt"), bytes);
        judge("checkpoint: damaged bytes (eval)", ckpt, "seed " + seed);
    }

    @Property(tries = 120, seed = "22")
    void manifestFieldsWithAwkwardValues(@ForAll long seed) throws Exception {
        setUp();
        Random r = new Random(seed);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        List<Integer> starts = new ArrayList<>();
        for (int i = manifest.indexOf(" : "); i >= 0; i = manifest.indexOf(" : ", i + 1)) {
            starts.add(i + 3);
        }
        int start = starts.get(r.nextInt(starts.size()));
        int end = start;
        if (manifest.charAt(start) == '[') {
            end = manifest.indexOf(']', start) + 1;
        } else if (manifest.charAt(start) == '"') {
            end = manifest.indexOf('"', start + 1) + 1;
        } else {
            while (",\n}".indexOf(manifest.charAt(end)) < 0) {
                end++;
            }
        }
        String value = Mutations.jsonValue(r);
        String changed = manifest.substring(0, start) + value + manifest.substring(end);
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries);
        e.put("manifest.json", changed.getBytes(StandardCharsets.UTF_8));
        Path ckpt = Fixtures.root().resolve("fuzz-manifest.ckpt");
        Zips.write(ckpt, e);
        judge(
                "checkpoint: manifest field values (eval)",
                ckpt,
                manifest.substring(Math.max(0, start - 30), start) + value);
    }

    @Property(tries = 100, seed = "23")
    void dataJsonThatIsWrong(@ForAll long seed) throws Exception {
        setUp();
        Random r = new Random(seed);
        String[] fields = {"classNames", "mean", "std"};
        StringBuilder json = new StringBuilder("{");
        int broken = r.nextInt(3);
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                json.append(',');
            }
            if (i == broken && r.nextInt(5) == 0) {
                continue; // field missing
            }
            json.append('"').append(fields[i]).append("\":");
            if (i != broken) {
                json.append(i == 0 ? "[\"dark\",\"light\"]" : i == 1 ? "[0.4]" : "[0.3]");
            } else {
                String[] bad = {
                    Mutations.jsonValue(r),
                    "[]",
                    "[0, 0]",
                    "[\"x\"]",
                    "[null]",
                    "[-1]",
                    "[0]",
                    "[1e400]",
                    "[\"dark\"]",
                    "[\"a\",\"b\",\"c\"]",
                    "[1, 2]"
                };
                json.append(bad[r.nextInt(bad.length)]);
            }
        }
        String text = json.append('}')
                .toString()
                .replace(",,", ",")
                .replace("{,", "{")
                .replace(",}", "}");
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries);
        byte[] data = r.nextInt(10) == 0
                ? Mutations.mutate(entries.get("data.json"), r)
                : text.getBytes(StandardCharsets.UTF_8);
        e.put("data.json", data);
        Path ckpt = Fixtures.root().resolve("fuzz-data.ckpt");
        Zips.write(ckpt, e);
        Fixtures.Run run = eval(ckpt);
        if (run.exit() == 0) {
            // only a data.json that is valid after all (e.g. a "mean" of 0) may pass
            assertThat(validDataJson(data))
                    .as(new String(data, StandardCharsets.UTF_8))
                    .isTrue();
            FuzzStats.accepted("checkpoint: wrong data.json (eval)");
        } else {
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            FuzzStats.clear(run.err(), text);
            FuzzStats.refused("checkpoint: wrong data.json (eval)");
        }
    }

    /** The documented form for the tiny network: its two class names, one mean, one positive std. */
    private static boolean validDataJson(byte[] data) {
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
            var names = root.get("classNames");
            var mean = root.get("mean");
            var std = root.get("std");
            return names != null
                    && names.size() == 2
                    && names.get(0).isTextual()
                    && names.get(1).isTextual()
                    && mean != null
                    && mean.size() == 1
                    && mean.get(0).isNumber()
                    && Double.isFinite(mean.get(0).doubleValue())
                    && std != null
                    && std.size() == 1
                    && std.get(0).isNumber()
                    && std.get(0).doubleValue() > 0
                    && Double.isFinite(std.get(0).doubleValue());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Property(tries = 50, seed = "24")
    void tensorValuesThatAreNotFinite(@ForAll long seed) throws Exception {
        setUp();
        Random r = new Random(seed);
        List<String> tensors =
                entries.keySet().stream().filter(k -> k.startsWith("tensors/")).toList();
        String name = tensors.get(r.nextInt(tensors.size()));
        byte[] values = entries.get(name).clone();
        ByteBuffer b = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        b.putFloat(4 * r.nextInt(values.length / 4), bad[r.nextInt(3)]);
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries);
        e.put(name, values);
        Path ckpt = Fixtures.root().resolve("fuzz-nan.ckpt");
        Zips.write(ckpt, e);
        Fixtures.Run run = eval(ckpt);
        assertThat(run.exit()).as(run.err()).isEqualTo(2); // never evaluated: "accuracy 0.5000 ... loss NaN"
        FuzzStats.clear(run.err(), name);
        assertThat(run.err()).contains("the run that saved it had diverged");
        FuzzStats.refused("checkpoint: non-finite values (eval)");
    }

    @AfterContainer
    static void report() {
        FuzzStats.report("checkpoints");
    }
}
