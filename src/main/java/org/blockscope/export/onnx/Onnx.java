package org.blockscope.export.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The part of the ONNX model format the exporter writes: messages and field numbers as the ONNX IR
 * specification defines them ({@code onnx.proto}, ONNX 1.12: ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto,
 * StringStringEntryProto). Only float and int64 tensors are needed. (nd4j-api also carries generated ONNX
 * classes, package {@code onnx} on ND4J's shaded protobuf: an internal of its SameDiff importer whose schema
 * and protobuf version follow ND4J's releases, so the export does not build on them.)
 */
final class Onnx {

    private Onnx() {}

    /** TensorProto.DataType */
    static final int FLOAT = 1;

    static final int INT64 = 7;

    /** AttributeProto.AttributeType */
    private static final int ATTR_FLOAT = 1;

    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    /** ModelProto: ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7, opset_import 8, metadata_props 14. */
    static ProtoMessage model(long irVersion, long opset, String producerVersion, String doc, ProtoMessage graph) {
        return new ProtoMessage()
                .int64(1, irVersion)
                .string(2, "Blockscope")
                .string(3, producerVersion)
                .string(6, doc)
                .message(7, graph)
                // OperatorSetIdProto: domain 1 (empty: the default ONNX domain), version 2
                .message(8, new ProtoMessage().string(1, "").int64(2, opset));
    }

    /** StringStringEntryProto key 1, value 2, as ModelProto.metadata_props (14). */
    static void metadata(ProtoMessage model, String key, String value) {
        model.message(14, new ProtoMessage().string(1, key).string(2, value));
    }

    /** GraphProto: node 1, name 2, initializer 5, doc_string 10, input 11, output 12, value_info 13. */
    static final class Graph {
        final ProtoMessage message = new ProtoMessage();

        Graph(String name) {
            message.string(2, name);
        }

        void node(ProtoMessage node) {
            message.message(1, node);
        }

        void initializer(ProtoMessage tensor) {
            message.message(5, tensor);
        }

        void input(ProtoMessage valueInfo) {
            message.message(11, valueInfo);
        }

        void output(ProtoMessage valueInfo) {
            message.message(12, valueInfo);
        }

        void valueInfo(ProtoMessage valueInfo) {
            message.message(13, valueInfo);
        }
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    static ProtoMessage node(String opType, String name, String[] inputs, String output, ProtoMessage... attributes) {
        ProtoMessage n = new ProtoMessage();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, name).string(4, opType);
        for (ProtoMessage a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    /** AttributeProto: name 1, f 2, i 3, ints 8, type 20. */
    static ProtoMessage attr(String name, long value) {
        return new ProtoMessage().string(1, name).int64(3, value).int64(20, ATTR_INT);
    }

    static ProtoMessage attr(String name, float value) {
        return new ProtoMessage().string(1, name).float32(2, value).int64(20, ATTR_FLOAT);
    }

    static ProtoMessage attrInts(String name, long... values) {
        return new ProtoMessage().string(1, name).int64s(8, values).int64(20, ATTR_INTS);
    }

    /** TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian). */
    static ProtoMessage floatTensor(String name, long[] dims, float[] values) {
        return new ProtoMessage()
                .int64s(1, dims)
                .int64(2, FLOAT)
                .string(8, name)
                .rawFloats(9, values);
    }

    static ProtoMessage int64Tensor(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return new ProtoMessage()
                .int64s(1, dims)
                .int64(2, INT64)
                .string(8, name)
                .bytes(9, b.array());
    }

    /**
     * ValueInfoProto (name 1, type 2) of a float tensor; TypeProto.tensor_type 1 → elem_type 1, shape 2;
     * TensorShapeProto.dim 1 → dim_value 1 or dim_param 2 (a named size, here the batch).
     */
    static ProtoMessage floatValue(String name, String batch, long... dims) {
        ProtoMessage shape = new ProtoMessage();
        shape.message(1, new ProtoMessage().string(2, batch));
        for (long d : dims) {
            shape.message(1, new ProtoMessage().int64(1, d));
        }
        ProtoMessage tensorType = new ProtoMessage().int64(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }

    static void write(ProtoMessage model, OutputStream out) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
        model.writeTo(coded);
        coded.flush();
    }
}
