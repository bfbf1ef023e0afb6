package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blockscope.cli.SummaryCliTest.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.cli.SummaryCliTest.Run;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classroom promise, checked as a user would run it: LeNet-5 and ResNet-20 reach at least 97%
 * validation accuracy on the bundled handwritten digits (600 held-out images) in a few minutes.
 */
class DigitsAccuracyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            lenet5,   15, 32, 0.003
            resnet20,  4, 64, 0.002
            """)
    void classroomNetworksLearnTheDigits(String template, int epochs, int batch, String lr) {
        Run r = run(
                "train",
                "--template",
                template,
                "--data",
                "sample-images/digits",
                "--epochs",
                Integer.toString(epochs),
                "--batch",
                Integer.toString(batch),
                "--lr",
                lr,
                "--schedule",
                "cosine");
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("validation accuracy (\\d\\.\\d{4}) on 600 images")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(template).isGreaterThanOrEqualTo(0.97);
    }
}
