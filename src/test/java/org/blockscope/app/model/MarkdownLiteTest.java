package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.blockscope.app.model.MarkdownLite.Block;
import org.blockscope.app.model.MarkdownLite.BlockType;
import org.blockscope.app.model.MarkdownLite.Span;
import org.blockscope.app.model.MarkdownLite.Style;
import org.junit.jupiter.api.Test;

class MarkdownLiteTest {

    @Test
    void headingsParagraphsBulletsAndSpans() {
        List<Block> blocks =
                MarkdownLite.parse("# Conv\n\nSlides **filters**\nover `x`.\n\n## Numbers\n- a `1 + 1 = 2`\n- b\n");
        assertThat(blocks)
                .extracting(Block::type)
                .containsExactly(
                        BlockType.HEADING,
                        BlockType.PARAGRAPH,
                        BlockType.SUBHEADING,
                        BlockType.BULLET,
                        BlockType.BULLET);
        assertThat(blocks.get(1).spans())
                .containsExactly(
                        new Span("Slides ", Style.PLAIN),
                        new Span("filters", Style.BOLD),
                        new Span(" over ", Style.PLAIN),
                        new Span("x", Style.CODE),
                        new Span(".", Style.PLAIN));
        assertThat(blocks.get(3).text()).isEqualTo("a 1 + 1 = 2");
    }

    @Test
    void singleStarsAreItalic() {
        assertThat(MarkdownLite.spans("trained *worse* than"))
                .containsExactly(
                        new Span("trained ", Style.PLAIN),
                        new Span("worse", Style.ITALIC),
                        new Span(" than", Style.PLAIN));
    }

    @Test
    void anUnclosedMarkerIsPlainText() {
        assertThat(MarkdownLite.spans("2 ** 3 and `x")).containsExactly(new Span("2 ** 3 and `x", Style.PLAIN));
    }

    @org.junit.jupiter.api.Test
    void indentedLinesContinueABulletAndFencesShowCode() {
        var blocks =
                MarkdownLite.parse("- first line\n  continues here\n- second\n\n```\nblockscope train\n```\nafter\n");
        org.assertj.core.api.Assertions.assertThat(blocks)
                .extracting(MarkdownLite.Block::type)
                .containsExactly(
                        MarkdownLite.BlockType.BULLET,
                        MarkdownLite.BlockType.BULLET,
                        MarkdownLite.BlockType.PARAGRAPH,
                        MarkdownLite.BlockType.PARAGRAPH);
        org.assertj.core.api.Assertions.assertThat(blocks.get(0).text()).isEqualTo("first line continues here");
        org.assertj.core.api.Assertions.assertThat(blocks.get(2).spans())
                .singleElement()
                .isEqualTo(new MarkdownLite.Span("blockscope train", MarkdownLite.Style.CODE));
        org.assertj.core.api.Assertions.assertThat(blocks.get(3).text()).isEqualTo("after");
    }
}
