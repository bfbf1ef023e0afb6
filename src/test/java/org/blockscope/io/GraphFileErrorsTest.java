package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphFileErrorsTest {

    private static final String HEAD = "{\"format\":\"blockscope-graph\",\"version\":1,";

    @TempDir
    Path dir;

    /**
     * Each row: what is wrong | the document (one line, so columns are easy to check) | the exact message.
     * {@code HEAD} in a document stands for {@code {"format":"blockscope-graph","version":1,}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            malformed JSON       | HEAD"nodes":[{"name":"in" "kind":"input"}],"edges":[]} | net.bsg.json, line 1, column 64: $.nodes[0]: not valid JSON: unexpected character ('"'): was expecting comma to separate Object entries
            bad token            | HEAD"nodes":[{"name":"in","kind":"input","params":{"channels":abc}}],"edges":[]} | net.bsg.json, line 1, column 103: $.nodes[0].params: not valid JSON: unrecognized token 'abc': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            truncated array      | HEAD"nodes":[{"name":"in","kind":"input"} | net.bsg.json, line 1, column 79: $.nodes: the file ends too early (is it truncated?): expected "]" to close the array that starts at line 1, column 50
            truncated mid-string | HEAD"nodes":[{"name":"in","kind":"input"},{"name":"c1","kind":"con | net.bsg.json, line 1, column 104: $.nodes[1]: the file ends too early (is it truncated?): expected "}" to close the object that starts at line 1, column 80
            empty file           | '' | net.bsg.json: the file is empty (expected a Blockscope graph, a JSON object starting with "{")
            only whitespace      | '   ' | net.bsg.json: the file is empty (expected a Blockscope graph, a JSON object starting with "{")
            wrong closer         | HEAD"nodes":[{]}],"edges":[]} | net.bsg.json, line 1, column 52: $.nodes[0]: not valid JSON: unexpected "]" (expected "}" to close the object that starts at line 1, column 51)
            text after the end   | HEAD"nodes":[],"edges":[]} {} | net.bsg.json, line 1, column 65: $: unexpected text after the end of the graph (expected nothing after its closing "}")
            not an object        | [] | net.bsg.json, line 1, column 1: $: expected a Blockscope graph (a JSON object), got an array
            close after the end  | HEAD"nodes":[],"edges":[]}} | net.bsg.json, line 1, column 64: $: unexpected "}" after the end of the graph (expected nothing after its closing "}")
            wrong format         | {"format":"keras","version":1,"nodes":[],"edges":[]} | net.bsg.json, line 1, column 11: $.format: expected "blockscope-graph", got "keras"
            missing format       | {"version":1,"nodes":[],"edges":[]} | net.bsg.json, line 1, column 1: $.format: missing (expected "blockscope-graph"; is this a Blockscope graph file?)
            missing version      | {"format":"blockscope-graph","nodes":[],"edges":[]} | net.bsg.json, line 1, column 1: $.version: missing (expected the format version, a whole number)
            version as text      | {"format":"blockscope-graph","version":"1","nodes":[],"edges":[]} | net.bsg.json, line 1, column 40: $.version: expected a whole number, got "1"
            future version       | {"format":"blockscope-graph","version":2,"future":{}} | net.bsg.json, line 1, column 40: $.version: version 2 is newer than this Blockscope understands (1); please update
            version zero         | {"format":"blockscope-graph","version":0,"nodes":[],"edges":[]} | net.bsg.json, line 1, column 40: $.version: expected version 1, got 0
            unknown field        | HEAD"nodes":[],"edges":[],"name":"x"} | net.bsg.json, line 1, column 71: $.name: unknown field (expected format, version, nodes, edges)
            field twice          | HEAD"nodes":[{"name":"c1","kind":"conv2d","kind":"relu"}],"edges":[]} | net.bsg.json, line 1, column 80: $.nodes[0].kind: appears twice in the same object (expected each field once)
            missing nodes        | HEAD"edges":[]} | net.bsg.json, line 1, column 1: $.nodes: missing (expected an array)
            text for an integer  | HEAD"nodes":[{"name":"in","kind":"input"},{"name":"c1","kind":"conv2d","params":{"filters":"abc"}}],"edges":[]} | net.bsg.json, line 1, column 129: $.nodes[1].params.filters: expected a whole number, got "abc"
            fraction for integer | HEAD"nodes":[{"name":"c1","kind":"conv2d","params":{"kernel":2.5}}],"edges":[]} | net.bsg.json, line 1, column 99: $.nodes[0].params.kernel: expected a whole number, got 2.5
            text for a double    | HEAD"nodes":[{"name":"d","kind":"dropout","params":{"rate":"high"}}],"edges":[]} | net.bsg.json, line 1, column 97: $.nodes[0].params.rate: expected a number, got "high"
            text for a boolean   | HEAD"nodes":[{"name":"c1","kind":"conv2d","params":{"bias":"yes"}}],"edges":[]} | net.bsg.json, line 1, column 97: $.nodes[0].params.bias: expected true or false, got "yes"
            unknown choice       | HEAD"nodes":[{"name":"c1","kind":"conv2d","params":{"padding":"full"}}],"edges":[]} | net.bsg.json, line 1, column 100: $.nodes[0].params.padding: expected one of "same", "valid", "explicit", got "full"
            unknown param name   | HEAD"nodes":[{"name":"c1","kind":"conv2d","params":{"filterz":3}}],"edges":[]} | net.bsg.json, line 1, column 100: $.nodes[0].params.filterz: unknown parameter (expected one of filters, kernel, stride, padding, pad, dilation, groups, bias)
            param of no-param kind | HEAD"nodes":[{"name":"f","kind":"flatten","params":{"units":3}}],"edges":[]} | net.bsg.json, line 1, column 98: $.nodes[0].params.units: unknown parameter (a flatten block has none)
            unknown kind         | HEAD"nodes":[{"name":"c1","kind":"convv"}],"edges":[]} | net.bsg.json, line 1, column 71: $.nodes[0].kind: expected a block kind such as "conv2d" or "residual", got "convv"
            duplicate name       | HEAD"nodes":[{"name":"c1","kind":"conv2d"},{"name":"c1","kind":"relu"}],"edges":[]} | net.bsg.json, line 1, column 89: $.nodes[1].name: expected a name no other node has, got "c1" (already used by $.nodes[0])
            name with a slash    | HEAD"nodes":[{"name":"a/b","kind":"conv2d"}],"edges":[]} | net.bsg.json, line 1, column 59: $.nodes[0].name: expected a non-blank name without "/", got "a/b"
            half a position      | HEAD"nodes":[{"name":"in","kind":"input","position":{"x":1}}],"edges":[]} | net.bsg.json, line 1, column 90: $.nodes[0].position.y: missing (expected a number)
            edge to missing node | HEAD"nodes":[{"name":"in","kind":"input"},{"name":"c1","kind":"conv2d"}],"edges":[{"from":"in","to":"c9","port":0}]} | net.bsg.json, line 1, column 138: $.edges[0].to: expected the name of a node, got "c9" (no node has that name)
            two edges, one port  | HEAD"nodes":[{"name":"in","kind":"input"},{"name":"a","kind":"input"},{"name":"add","kind":"add"}],"edges":[{"from":"in","to":"add","port":0},{"from":"a","to":"add","port":0}]} | net.bsg.json, line 1, column 210: $.edges[1].port: expected a free port of "add", got 0 (already connected by $.edges[0])
            port beyond inputs   | HEAD"nodes":[{"name":"in","kind":"input"},{"name":"c1","kind":"conv2d"}],"edges":[{"from":"in","to":"c1","port":1}]} | net.bsg.json, line 1, column 150: $.edges[0].port: expected a port below 1 (a conv2d has 1 input), got 1
            negative port        | HEAD"nodes":[{"name":"in","kind":"input"}],"edges":[{"from":"in","to":"in","port":-1}]} | net.bsg.json, line 1, column 120: $.edges[0].port: expected a whole number >= 0, got -1
            edge without port    | HEAD"nodes":[{"name":"in","kind":"input"}],"edges":[{"from":"in","to":"in"}]} | net.bsg.json, line 1, column 90: $.edges[0].port: missing (expected the input port number, a whole number)
            body on a non-group  | HEAD"nodes":[{"name":"c1","kind":"conv2d","body":{"nodes":[],"edges":[],"output":"x"}}],"edges":[]} | net.bsg.json, line 1, column 87: $.nodes[0].body: expected no body (only group nodes have one), got one on a conv2d node
            group without body   | HEAD"nodes":[{"name":"g","kind":"group"}],"edges":[]} | net.bsg.json, line 1, column 51: $.nodes[0].body: missing (expected the inside of the group: an object with nodes, edges and output)
            body output unknown  | HEAD"nodes":[{"name":"g","kind":"group","body":{"nodes":[{"name":"in","kind":"port"}],"edges":[],"output":"out"}}],"edges":[]} | net.bsg.json, line 1, column 144: $.nodes[0].body.output: expected the name of a node in this body, got "out"
            error inside a body  | HEAD"nodes":[{"name":"g","kind":"group","body":{"nodes":[{"name":"in","kind":"port","params":{"index":"0"}}],"edges":[],"output":"in"}}],"edges":[]} | net.bsg.json, line 1, column 140: $.nodes[0].body.nodes[0].params.index: expected a whole number, got "0"
            """)
    void unreadableDocumentSaysWhereAndWhatWasExpected(String problem, String document, String message) {
        GraphFileException e = catchThrowableOfType(
                () -> GraphFiles.fromJson(document.replace("HEAD", HEAD), "net.bsg.json"), GraphFileException.class);

        assertThat(e).as(problem).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void exceptionExposesTheMessageParts() {
        GraphFileException e = catchThrowableOfType(
                () -> GraphFiles.fromJson(
                        HEAD
                                + "\n\"nodes\": [\n  {\"name\": \"c1\", \"kind\": \"conv2d\", \"params\": {\"filters\": \"abc\"}}],\n\"edges\": []}",
                        "resnet.bsg.json"),
                GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo(
                        "resnet.bsg.json, line 3, column 58: $.nodes[0].params.filters: expected a whole number, got \"abc\"");
        assertThat(e.file()).isEqualTo("resnet.bsg.json");
        assertThat(e.jsonPath()).contains("$.nodes[0].params.filters");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(58);
        assertThat(e.problem()).isEqualTo("expected a whole number, got \"abc\"");
    }

    @Test
    void readingAFileNamesItInTheMessage() throws Exception {
        Path file = Files.writeString(
                dir.resolve("broken.bsg.json"), "{\"format\": \"blockscope-graph\",\n  \"version\": 7}");

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo(
                        "broken.bsg.json, line 2, column 14: $.version: version 7 is newer than this Blockscope understands (1); please update");
    }

    @Test
    void emptyFileOnDiskIsReportedAsEmpty() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.bsg.json"));

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo(
                        "empty.bsg.json: the file is empty (expected a Blockscope graph, a JSON object starting with \"{\")");
    }

    @Test
    void missingFileNamesTheFullPath() {
        Path file = dir.resolve("gone.bsg.json");

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo("gone.bsg.json: cannot read " + file.toAbsolutePath() + ": no such file or folder");
        assertThat(e.jsonPath()).isEmpty();
    }

    @Test
    void directoryInsteadOfAFileIsAnIoError() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.bsg.json"));

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(folder), GraphFileException.class);

        assertThat(e.getMessage()).startsWith("folder.bsg.json: cannot read " + folder.toAbsolutePath() + ": ");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Path file = Files.write(dir.resolve("latin1.bsg.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage()).isEqualTo("latin1.bsg.json: expected UTF-8 text, got bytes that are not UTF-8");
    }

    @Test
    void messagesCarryNoJavaOrJacksonNames() {
        String[] documents = {
            "{", "{\"format\":1}", HEAD + "\"nodes\":[{]}", "[1,2", HEAD + "\"nodes\":[],\"edges\":[]}]"
        };
        for (String doc : documents) {
            GraphFileException e =
                    catchThrowableOfType(() -> GraphFiles.fromJson(doc, "x.bsg.json"), GraphFileException.class);
            assertThat(e.getMessage()).as(doc).doesNotContain("Exception", "jackson", "com.", "java.", "Source:", "\n");
        }
    }
}
