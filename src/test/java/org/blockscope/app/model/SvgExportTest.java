package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

class SvgExportTest {

    @Test
    void oneBoxPerNodeAndOneCurvePerEdge() throws Exception {
        Graph g = Templates.graph("resnet18");
        String svg = SvgExport.svg(g, NetworkAnalysis.of(g));
        assertThat(count(svg, "<g class=\"node\"")).isEqualTo(g.size());
        assertThat(count(svg, "<path d=\"M ")).isEqualTo(g.edges().size());
        assertThat(svg).contains(">64×56×56").contains(" L ");
        // well-formed XML
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void textIsEscaped() {
        assertThat(SvgExport.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }

    private static int count(String s, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
    }
}
