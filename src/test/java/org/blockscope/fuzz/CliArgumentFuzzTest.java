package org.blockscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.blockscope.testing.Fixtures;

/**
 * Option values from the awkward end (NaN, infinities, signs, overflow, hex, empty, other digits)
 * given to {@code train}, {@code eval}, {@code summary} and {@code bench}: a value the option's
 * documented range admits runs (exit 0, or a memory refusal with the figures); any other is refused
 * with exit 2 and one line naming the option. Runs on the tiny network and data set, so an accepted
 * training takes milliseconds.
 */
class CliArgumentFuzzTest {

    private static final String[] NUMBERS = {
        "NaN",
        "-NaN",
        "Infinity",
        "-Infinity",
        "+Infinity",
        "0",
        "-0",
        "0.0",
        "-0.0",
        "-1",
        "-5",
        "1",
        "2",
        "3",
        "4",
        "0.5",
        "0.999",
        "0.2",
        "1e-3",
        "1e-400",
        "1e400",
        "2147483647",
        "2147483648",
        "-2147483649",
        "9223372036854775808",
        "abc",
        "",
        " ",
        "0x10",
        "1_000",
        "1,5",
        "\u0661",
        "1e",
        "--",
        "\u00bd",
        "7 ",
        " 2",
        "1.0",
        "1e0",
        "0.001",
        "12"
    };

    private static final String[] WORDS = {
        "adam", "sgd", "ADAM", "Sgd", "rmsprop", "", "constant", "step", "cosine", "Cosine", "linear", "adam ", "\u0000"
    };

    private record Option(String name, boolean word, Predicate<String> valid) {}

    private static Double number(String s) {
        try {
            return Double.valueOf(s); // how picocli converts a double option
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long whole(String s) {
        try {
            return (long) Integer.parseInt(s); // how picocli converts an int option
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final List<Option> TRAIN = List.of(
            new Option("--epochs", false, s -> whole(s) != null && whole(s) >= 1),
            new Option("--batch", false, s -> whole(s) != null && whole(s) >= 1),
            new Option("--lr", false, s -> number(s) != null && number(s) > 0 && number(s) < 1e300),
            new Option("--val-split", false, s -> number(s) != null && number(s) >= 0 && number(s) < 1),
            new Option("--weight-decay", false, s -> number(s) != null && number(s) >= 0 && number(s) < 1e300),
            new Option("--seed", false, s -> {
                try {
                    Long.parseLong(s);
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }),
            new Option("--optimizer", true, s -> List.of("adam", "sgd").contains(s.toLowerCase(Locale.ROOT))),
            new Option(
                    "--schedule",
                    true,
                    s -> List.of("constant", "step", "cosine").contains(s.toLowerCase(Locale.ROOT))));

    private static void judge(String target, Fixtures.Run r, boolean valid, String what) {
        if (valid) {
            if (r.exit() == 2) {
                assertThat(r.err()).as(what).contains("needs at least").contains("is available");
                FuzzStats.clear(r.err(), what);
                FuzzStats.refused(target);
            } else {
                assertThat(r.exit()).as(what + ": " + r.err()).isZero();
                FuzzStats.accepted(target);
            }
        } else {
            assertThat(r.exit()).as(what + " was accepted: " + r.out()).isEqualTo(2);
            FuzzStats.clear(r.err(), what);
            FuzzStats.refused(target);
        }
    }

    @Property(tries = 120, seed = "41")
    void trainOptions(@ForAll long seed) {
        Random r = new Random(seed);
        Option o = TRAIN.get(r.nextInt(TRAIN.size()));
        String value = o.word() ? WORDS[r.nextInt(WORDS.length)] : NUMBERS[r.nextInt(NUMBERS.length)];
        if (o.name().equals("--epochs") && o.valid().test(value) && whole(value) > 2) {
            value = "2"; // valid, and short
        }
        List<String> args = new ArrayList<>(List.of(
                "train", Fixtures.graph().toString(), "--data", Fixtures.data().toString()));
        if (!o.name().equals("--epochs")) {
            args.addAll(List.of("--epochs", "1"));
        }
        args.add(o.name());
        args.add(value);
        Fixtures.Run run = Fixtures.cli(args.toArray(String[]::new));
        String what = o.name() + " '" + value + "'";
        judge("CLI train options", run, o.valid().test(value), what);
        if (run.exit() == 2) {
            assertThat(run.err()).as(what).contains(o.name());
        }
    }

    @Property(tries = 50, seed = "42")
    void evalBatch(@ForAll long seed) {
        Random r = new Random(seed);
        String value = NUMBERS[r.nextInt(NUMBERS.length)];
        Fixtures.Run run = Fixtures.cli(
                "eval",
                Fixtures.checkpoint().toString(),
                "--data",
                Fixtures.data().toString(),
                "--batch",
                value);
        judge("CLI eval --batch", run, whole(value) != null && whole(value) >= 1, "--batch '" + value + "'");
    }

    @Property(tries = 60, seed = "43")
    void benchOptionsOutOfRange(@ForAll long seed) {
        Random r = new Random(seed);
        String[] options = {"--runs", "--batch", "--iterations", "--warmup"};
        String o = options[r.nextInt(options.length)];
        String value;
        do { // accepted values start a real benchmark: only those out of range are tried here
            value = NUMBERS[r.nextInt(NUMBERS.length)];
        } while (o.equals("--warmup")
                ? number(value) != null && number(value) >= 0 && !number(value).isInfinite()
                : whole(value) != null && whole(value) >= 1);
        Fixtures.Run run = Fixtures.cli("bench", o, value);
        judge("CLI bench options", run, false, o + " '" + value + "'");
    }

    @Property(tries = 100, seed = "44")
    void summaryInputShapes(@ForAll long seed) {
        Random r = new Random(seed);
        String[] parts = {"1", "3", "8", "0", "-1", "28", "65536", "2147483647", "2147483648", "a", "", "1.5", "NaN"};
        String[] seps = {"x", "×", "X", "*", ",", " x "};
        String[] good = {"1", "3", "8", "16", "28"};
        boolean plausible = r.nextBoolean(); // half the time three sizes a network could take
        int n = plausible ? 3 : 1 + r.nextInt(4);
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < n; i++) {
            shape.append(i == 0 ? "" : plausible ? "x" : seps[r.nextInt(seps.length)])
                    .append(plausible ? good[r.nextInt(good.length)] : parts[r.nextInt(parts.length)]);
        }
        Fixtures.Run run = Fixtures.cli("summary", Fixtures.graph().toString(), "--input", shape.toString());
        if (run.exit() == 0) {
            assertThat(run.out()).contains("Total params");
            FuzzStats.accepted("CLI summary --input");
        } else {
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            String first = run.err().lines().findFirst().orElse("");
            if (!first.equals("blockscope: the network is invalid:")) {
                FuzzStats.clear(run.err(), shape.toString());
            }
            FuzzStats.refused("CLI summary --input");
        }
    }

    @AfterContainer
    static void report() {
        FuzzStats.report("command line");
    }
}
