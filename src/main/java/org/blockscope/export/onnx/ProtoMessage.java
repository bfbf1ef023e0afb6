package org.blockscope.export.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One protobuf message built field by field and written with protobuf-java's {@link CodedOutputStream}
 * (varints, tags and lengths as the protobuf encoding defines them). Sizes are computed before writing,
 * so a nested message is streamed once, never copied into a byte array; large tensors go straight from
 * their {@code float[]} to the stream. Repeated scalars are written unpacked, one tag per value, as a
 * proto2 serializer writes fields not declared {@code packed} (ONNX's {@code onnx.proto} is proto2).
 */
final class ProtoMessage {

    private sealed interface Field {
        int size();

        void write(CodedOutputStream out) throws IOException;
    }

    private record Varint(int number, long value) implements Field {
        @Override
        public int size() {
            return CodedOutputStream.computeInt64Size(number, value);
        }

        @Override
        public void write(CodedOutputStream out) throws IOException {
            out.writeInt64(number, value);
        }
    }

    private record Fixed32(int number, float value) implements Field {
        @Override
        public int size() {
            return CodedOutputStream.computeFloatSize(number, value);
        }

        @Override
        public void write(CodedOutputStream out) throws IOException {
            out.writeFloat(number, value);
        }
    }

    private record Bytes(int number, byte[] value) implements Field {
        @Override
        public int size() {
            return CodedOutputStream.computeByteArraySize(number, value);
        }

        @Override
        public void write(CodedOutputStream out) throws IOException {
            out.writeByteArray(number, value);
        }
    }

    /** Floats as raw little-endian bytes in one length-delimited field (ONNX {@code raw_data}). */
    private record RawFloats(int number, float[] value) implements Field {
        @Override
        public int size() {
            int length = Math.multiplyExact(value.length, 4);
            return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
        }

        @Override
        public void write(CodedOutputStream out) throws IOException {
            out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(value.length * 4);
            for (float f : value) {
                out.writeFixed32NoTag(Float.floatToRawIntBits(f)); // fixed32 is little-endian
            }
        }
    }

    private record Nested(int number, ProtoMessage value) implements Field {
        @Override
        public int size() {
            int length = value.size();
            return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
        }

        @Override
        public void write(CodedOutputStream out) throws IOException {
            out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(value.size());
            value.writeTo(out);
        }
    }

    private final List<Field> fields = new ArrayList<>();
    private int size = -1;

    ProtoMessage int64(int number, long value) {
        return add(new Varint(number, value));
    }

    ProtoMessage int64s(int number, long... values) {
        for (long v : values) {
            int64(number, v);
        }
        return this;
    }

    ProtoMessage float32(int number, float value) {
        return add(new Fixed32(number, value));
    }

    ProtoMessage string(int number, String value) {
        return add(new Bytes(number, value.getBytes(StandardCharsets.UTF_8)));
    }

    ProtoMessage bytes(int number, byte[] value) {
        return add(new Bytes(number, value));
    }

    ProtoMessage rawFloats(int number, float[] value) {
        return add(new RawFloats(number, value));
    }

    ProtoMessage message(int number, ProtoMessage value) {
        return add(new Nested(number, value));
    }

    private ProtoMessage add(Field f) {
        fields.add(f);
        size = -1;
        return this;
    }

    /** Encoded size in bytes (computed once, after the last field is added). */
    int size() {
        if (size < 0) {
            long total = 0;
            for (Field f : fields) {
                total += f.size();
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalStateException("message larger than 2 GB, protobuf's limit");
            }
            size = (int) total;
        }
        return size;
    }

    void writeTo(CodedOutputStream out) throws IOException {
        for (Field f : fields) {
            f.write(out);
        }
    }
}
