import Testing
@testable import ONNXFormat

@Suite struct MalformedInputTests {
    private func decodingError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ONNXModel(serializedBytes: bytes)
            return nil
        } catch {
            return error.description
        }
    }

    /// Only a cut that falls between two top-level fields leaves valid (shorter) protobuf.
    @Test func everyTruncationFailsUnlessItEndsBetweenTopLevelFields() throws {
        let model = SampleModels.everyFeature
        let bytes = model.serializedBytes()
        let topLevelFieldCount = 3 + 1 + model.opsetImports.count
        var decodedPrefixes = 0
        for length in 0..<bytes.count {
            if let message = decodingError(Array(bytes[0..<length])) {
                #expect(message.hasPrefix("ONNX data: truncated at byte "), "\(message)")
                #expect(message.contains(" while reading "), "\(message)")
                #expect(!message.contains("\n"))
            } else {
                decodedPrefixes += 1
            }
        }
        #expect(decodedPrefixes == topLevelFieldCount)
    }

    @Test func overlongLengthInsideNestedMessageNamesTheInnermostField() throws {
        var writer = ProtobufWriter()
        writer.writeMessage(ModelProtoField.graph.rawValue) { graph in
            graph.writeMessage(GraphProtoField.node.rawValue) { node in
                node.writeString(NodeProtoField.opType.rawValue, "Relu")
                node.writeVarint(UInt64(NodeProtoField.name.rawValue << 3 | 2))
                node.writeVarint(50)
                node.writeVarint(0x41)
            }
        }
        #expect(decodingError(writer.bytes) == "ONNX data: truncated at byte 11: 50 bytes declared, 1 left while reading NodeProto.name")
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(state: 42)
        var failures = 0
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let message = decodingError(bytes) {
                failures += 1
                #expect(message.hasPrefix("ONNX data: ") && !message.contains("\n"), "\(message)")
            }
        }
        #expect(failures > 2000)
    }

    @Test func corruptedModelsNeverCrash() {
        let original = SampleModels.everyFeature.serializedBytes()
        var generator = SeededGenerator(state: 1)
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let message = decodingError(bytes) {
                #expect(message.hasPrefix("ONNX data: ") && !message.contains("\n"), "\(message)")
            }
        }
    }

    @Test(arguments: [
        ([UInt8(0x0B)], "ONNX data: protobuf groups are not supported (byte 0) while reading ModelProto"),
        ([0x0C], "ONNX data: protobuf groups are not supported (byte 0) while reading ModelProto"),
        ([0x0E, 0x00], "ONNX data: invalid wire type 6 at byte 0 while reading ModelProto"),
        ([0x08, 0x01, 0x0F], "ONNX data: invalid wire type 7 at byte 2 while reading ModelProto"),
        ([0x00, 0x00], "ONNX data: field number 0 at byte 0 while reading ModelProto"),
        ([0x0D, 1, 2, 3, 4], "ONNX data: fixed32 value where a varint was expected at byte 1 while reading ModelProto.ir_version"),
        ([0x3A, 0x02, 0x1D, 0x00], "ONNX data: truncated at byte 3 while reading GraphProto field 3 (key at byte 2)"),
        ([0x3A, 0x03, 0x2A, 0x05, 0x00], "ONNX data: truncated at byte 3: 5 bytes declared, 1 left while reading GraphProto.initializer"),
        ([0x3A, 0x02, 0x0A, 0x00, 0x08], "ONNX data: truncated at byte 5 while reading ModelProto.ir_version"),
    ])
    func malformedWireDataIsNamed(bytes: [UInt8], expected: String) {
        #expect(decodingError(bytes) == expected)
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        var writer = ProtobufWriter()
        writer.writeInt64(100, 5)
        writer.writeFloat(101, 1.0)
        writer.writeBytes(102, [1, 2, 3])
        writer.writeMessage(ModelProtoField.graph.rawValue) { graph in
            graph.writeString(GraphProtoField.name.rawValue, "g")
            graph.writeMessage(9999) { $0.writeInt64(1, -1) }
            graph.writeMessage(GraphProtoField.node.rawValue) { node in
                node.writeString(NodeProtoField.opType.rawValue, "Relu")
                node.writeString(6, "a doc string")
            }
        }
        writer.writeInt64(ModelProtoField.irVersion.rawValue, 8)
        var bytes = writer.bytes
        bytes += [0x89, 0x06] + [UInt8](repeating: 0xAB, count: 8)  // field 97, fixed64
        let model = try ONNXModel(serializedBytes: bytes)
        #expect(model.irVersion == 8)
        #expect(model.graph.name == "g")
        #expect(model.graph.nodes.map(\.opType) == ["Relu"])
    }

    @Test func repeatedScalarsAreReadPackedAndUnpacked() throws {
        var writer = ProtobufWriter()
        writer.writeMessage(ModelProtoField.graph.rawValue) { graph in
            graph.writeMessage(GraphProtoField.node.rawValue) { node in
                node.writeMessage(NodeProtoField.attribute.rawValue) { attribute in
                    attribute.writeString(AttributeProtoField.name.rawValue, "ints")
                    attribute.writePackedInt64s(AttributeProtoField.ints.rawValue, [1, -2])
                    attribute.writeInt64(AttributeProtoField.ints.rawValue, 3)
                }
                node.writeMessage(NodeProtoField.attribute.rawValue) { attribute in
                    attribute.writeString(AttributeProtoField.name.rawValue, "floats")
                    attribute.writeFloat(AttributeProtoField.floats.rawValue, 0.5)
                    attribute.writePackedFloats(AttributeProtoField.floats.rawValue, [1.5, 2.5])
                }
            }
        }
        let node = try #require(try ONNXModel(serializedBytes: writer.bytes).graph.nodes.first)
        #expect(node.attribute("ints")?.ints == [1, -2, 3])
        #expect(node.attribute("floats")?.floats == [0.5, 1.5, 2.5])
    }

    private func modelWithOneAttribute(_ encodeAttribute: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeMessage(ModelProtoField.graph.rawValue) { graph in
            graph.writeMessage(GraphProtoField.node.rawValue) { node in
                node.writeMessage(NodeProtoField.attribute.rawValue, encodeAttribute)
            }
        }
        return writer.bytes
    }

    @Test func attributeWithoutTypeIsInferredFromItsValue() throws {
        let bytes = modelWithOneAttribute { attribute in
            attribute.writeString(AttributeProtoField.name.rawValue, "axis")
            attribute.writeInt64(AttributeProtoField.i.rawValue, 2)
        }
        #expect(try ONNXModel(serializedBytes: bytes).graph.nodes.first?.attribute("axis")?.int == 2)
    }

    @Test func attributeWithoutTypeOrValueIsRejected() throws {
        let bytes = modelWithOneAttribute { $0.writeString(AttributeProtoField.name.rawValue, "nothing") }
        let message = try #require(decodingError(bytes))
        #expect(message.hasPrefix("ONNX data: attribute 'nothing' has neither a type nor a value at byte"), "\(message)")
        #expect(message.hasSuffix("while reading NodeProto.attribute"), "\(message)")
    }

    @Test func unsupportedAttributeTypeIsNamed() throws {
        let bytes = modelWithOneAttribute { attribute in
            attribute.writeString(AttributeProtoField.name.rawValue, "sparse")
            attribute.writeMessage(AttributeProtoField.sparseTensor.rawValue) { _ in }
            attribute.writeInt32(AttributeProtoField.type.rawValue, 11)
        }
        let message = try #require(decodingError(bytes))
        #expect(message.hasPrefix("ONNX data: attribute 'sparse' is of unsupported type SPARSE_TENSOR"), "\(message)")
    }

    @Test func unknownAttributeTypeIsNamed() throws {
        let bytes = modelWithOneAttribute { attribute in
            attribute.writeString(AttributeProtoField.name.rawValue, "future")
            attribute.writeInt32(AttributeProtoField.type.rawValue, 99)
        }
        let message = try #require(decodingError(bytes))
        #expect(message.hasPrefix("ONNX data: attribute 'future' has unknown type 99 at byte"), "\(message)")
    }
}
