package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.block.NamedBlock;
import org.blockscope.export.pytorch.SafeTensors;
import org.blockscope.export.pytorch.TorchNames;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python names of nodes and state_dict keys of tensors; the safetensors file written and read back. */
class NamesAndFilesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            conv1      | conv1
            my block   | my_block
            1st        | n_1st
            _hidden    | n__hidden
            in         | in_
            forward    | forward_
            training   | training_
            torch      | torch_
            Stufe-2.ü  | Stufe_2__
            """)
    void nodeNamesBecomePythonIdentifiers(String node, String python) {
        Graph g = Graph.of(List.of(Node.of(node, Primitive.ACTIVATION)), List.of());
        assertThat(TorchNames.of(g).root().of(node)).isEqualTo(python);
    }

    @Test
    void namesThatMeetGetNumbersAndKeysFollowTheModules() {
        Graph g = Graph.of(
                List.of(
                        Node.of("a-b", Primitive.BATCH_NORM),
                        Node.of("a_b", Primitive.BATCH_NORM),
                        Node.of("res 1", NamedBlock.RESIDUAL)),
                List.of());
        TorchNames names = TorchNames.of(g);
        assertThat(names.root().of("a-b")).isEqualTo("a_b");
        assertThat(names.root().of("a_b")).isEqualTo("a_b_2");
        assertThat(names.key("a_b/gamma")).isEqualTo("a_b_2.weight");
        assertThat(names.key("a-b/beta")).isEqualTo("a_b.bias");
        assertThat(names.key("a-b/running_var")).isEqualTo("a_b.running_var");
        assertThat(names.key("res 1/se/fc1/weight")).isEqualTo("res_1.se.fc1.weight");
    }

    @Test
    void safeTensorsRoundTripIsByteExact(@TempDir Path dir) throws Exception {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put(
                "conv.weight",
                SafeTensors.Tensor.of(new long[] {2, 1, 1, 3}, new float[] {1, -2, 3.5f, 1e-30f, -0f, 7}));
        tensors.put("bn.num_batches_tracked", SafeTensors.Tensor.scalar(42));
        tensors.put("fc.bias", SafeTensors.Tensor.of(new long[] {1}, new float[] {Float.MIN_VALUE}));
        Path a = dir.resolve("a.safetensors");
        SafeTensors.write(a, tensors, Map.of("classes", "[\"x\"]"));
        byte[] bytes = Files.readAllBytes(a);
        long header = java.nio.ByteBuffer.wrap(bytes, 0, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertThat(header % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + header + 6 * 4 + 8 + 4);

        SafeTensors.Contents c = SafeTensors.read(a);
        assertThat(c.metadata()).containsEntry("classes", "[\"x\"]");
        assertThat(c.tensors().keySet()).containsExactly("conv.weight", "bn.num_batches_tracked", "fc.bias");
        assertThat(c.tensors().get("conv.weight").values()).containsExactly(1, -2, 3.5f, 1e-30f, -0f, 7);
        assertThat(c.tensors().get("bn.num_batches_tracked").int64()).isEqualTo(42);
        Path b = dir.resolve("b.safetensors");
        SafeTensors.write(b, c.tensors(), c.metadata());
        assertThat(Files.readAllBytes(b)).isEqualTo(bytes);
    }

    @Test
    void aBrokenFileIsRefusedNamingTheTensor(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, Map.of("w", SafeTensors.Tensor.of(new long[] {4}, new float[] {1, 2, 3, 4})), Map.of());
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SafeTensors.read(f)))
                .hasMessageContaining("w.safetensors: tensor 'w': data_offsets [0, 16] do not hold 4 values of F32");
        Files.write(f, new byte[] {1, 2});
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SafeTensors.read(f)))
                .hasMessageContaining("not a safetensors file");
    }
}
