package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

class LessonsTest {

    @Test
    void everyBundledLessonOpensAnExistingTemplate() {
        var lessons = Lessons.fromClasspath();
        assertThat(lessons)
                .extracting(Lessons.Lesson::id)
                .containsExactly("residual", "squeeze-excitation", "small-kernels", "where-it-looks");
        for (var l : lessons) {
            assertThat(Templates.byId(l.template())).as(l.id()).isPresent();
            l.compare().ifPresent(c -> assertThat(Templates.byId(c)).as(l.id()).isPresent());
            assertThat(l.summary()).isNotBlank();
            assertThat(l.text()).startsWith("# " + l.title()).doesNotContain("template:");
        }
    }

    @Test
    void aFileWithoutTemplateLineIsSkipped() {
        Map<String, String> files = Map.of(
                "index.txt",
                "a\nb\n\nmissing\n",
                "a.md",
                "# A lesson\ntemplate: lenet5\nsummary: short\n\nBody text.\n",
                "b.md",
                "# No template\n\nBody.\n");
        var lessons = Lessons.load(n -> Optional.ofNullable(files.get(n)));
        assertThat(lessons).singleElement().satisfies(l -> {
            assertThat(l.title()).isEqualTo("A lesson");
            assertThat(l.template()).isEqualTo("lenet5");
            assertThat(l.compare()).isEmpty();
            assertThat(l.text()).isEqualTo("# A lesson\n\nBody text.");
        });
    }
}
