package org.blockscope.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python with torch (the reference the export tests compare with): {@code /usr/bin/python3},
 * or {@code $BLOCKSCOPE_PYTHON}. {@code .ci/run} installs python3-torch, python3-onnx and python3-pil.
 */
final class Python {

    private Python() {}

    record Result(int exit, String out, String err) {}

    static String executable() {
        String env = System.getenv("BLOCKSCOPE_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    /** Runs python with the arguments in {@code dir}; fails the test with stderr on a non-zero exit. */
    static String run(Path dir, Map<String, String> env, long timeoutSeconds, String... args) throws Exception {
        Result r = start(dir, env, timeoutSeconds, args);
        if (r.exit() != 0) {
            throw new AssertionError("python " + String.join(" ", args) + " exited with " + r.exit() + "\n" + r.err()
                    + "\n" + r.out() + "\n(the export tests need " + executable()
                    + " with torch, onnx and Pillow: apt-get install python3-torch python3-onnx python3-pil)");
        }
        return r.out();
    }

    static Result start(Path dir, Map<String, String> env, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("python-out", ".txt");
        Path err = Files.createTempFile("python-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("OMP_NUM_THREADS", env.getOrDefault("OMP_NUM_THREADS", "2"));
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("python " + String.join(" ", args) + " took more than " + timeoutSeconds
                        + " s\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A resource of this test package copied into {@code dir}. */
    static Path script(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (var in = Python.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
