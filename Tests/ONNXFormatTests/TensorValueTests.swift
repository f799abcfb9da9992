import Testing
@testable import ONNXFormat

@Suite struct TensorValueTests {
    private func decodedTensor(_ encodeTensor: (inout ProtobufWriter) -> Void) throws -> ONNXTensor {
        var writer = ProtobufWriter()
        writer.writeMessage(ModelProtoField.graph.rawValue) { graph in
            graph.writeMessage(GraphProtoField.initializer.rawValue, encodeTensor)
        }
        return try #require(try ONNXModel(serializedBytes: writer.bytes).graph.initializers.first)
    }

    @Test func rawDataFloatsAreLittleEndian() throws {
        let tensor = try decodedTensor { tensor in
            tensor.writeInt64(TensorProtoField.dims.rawValue, 2)
            tensor.writeInt32(TensorProtoField.dataType.rawValue, 1)
            tensor.writeBytes(TensorProtoField.rawData.rawValue, [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC1])
        }
        #expect(try tensor.floatValues() == [1, -10])
    }

    @Test func packedFloatDataDecodes() throws {
        let tensor = try decodedTensor { tensor in
            tensor.writePackedInt64s(TensorProtoField.dims.rawValue, [1, 3])
            tensor.writeInt32(TensorProtoField.dataType.rawValue, 1)
            tensor.writePackedFloats(TensorProtoField.floatData.rawValue, [0.5, -0.25, 3])
        }
        #expect(tensor.dims == [1, 3])
        #expect(tensor.rawData == nil)
        #expect(try tensor.floatValues() == [0.5, -0.25, 3])
    }

    @Test func unpackedFloatDataDecodes() throws {
        let tensor = try decodedTensor { tensor in
            tensor.writeInt64(TensorProtoField.dims.rawValue, 2)
            tensor.writeInt32(TensorProtoField.dataType.rawValue, 1)
            tensor.writeFloat(TensorProtoField.floatData.rawValue, 7)
            tensor.writeFloat(TensorProtoField.floatData.rawValue, -7)
        }
        #expect(try tensor.floatValues() == [7, -7])
    }

    @Test func bothInitializersStoreRawData() throws {
        let floats = ONNXTensor(name: "f", dims: [3], floats: [1, -2, .greatestFiniteMagnitude])
        #expect(floats.rawData?.count == 12)
        #expect(try floats.floatValues() == [1, -2, .greatestFiniteMagnitude])
        let ints = ONNXTensor(name: "i", dims: [1, 2], int64s: [Int64.min, 5])
        #expect(ints.rawData == [0, 0, 0, 0, 0, 0, 0, 0x80, 5, 0, 0, 0, 0, 0, 0, 0])
        #expect(try ints.int64Values() == [Int64.min, 5])
        #expect(try ints.floatValues() == [Float(Int64.min), 5])
    }

    @Test func otherNumericTypesConvert() throws {
        var doubles = ONNXTensor(name: "d", dims: [2], dataType: .double)
        doubles.doubleData = [0.5, -1e10]
        #expect(try doubles.floatValues() == [0.5, -1e10])

        var rawDoubles = ONNXTensor(name: "rd", dims: [], dataType: .double)
        rawDoubles.rawData = [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        #expect(try rawDoubles.floatValues() == [1])

        var int8s = ONNXTensor(name: "i8", dims: [3], dataType: .int8, rawData: [0xFF, 0x80, 0x7F])
        #expect(try int8s.int64Values() == [-1, -128, 127])
        int8s.rawData = nil
        int8s.int32Data = [-1, -128, 127]
        #expect(try int8s.floatValues() == [-1, -128, 127])

        let uint8s = ONNXTensor(name: "u8", dims: [2], dataType: .uint8, rawData: [0xFF, 0x01])
        #expect(try uint8s.int64Values() == [255, 1])

        var int32s = ONNXTensor(name: "i32", dims: [2], dataType: .int32)
        int32s.int32Data = [Int32.min, 9]
        #expect(try int32s.int64Values() == [Int64(Int32.min), 9])

        var uint64s = ONNXTensor(name: "u64", dims: [1], dataType: .uint64)
        uint64s.uint64Data = [UInt64.max]
        #expect(throws: ONNXError(source: "tensor 'u64'", reason: "UINT64 element 18446744073709551615 does not fit in Int64")) {
            try uint64s.int64Values()
        }

        let halves = ONNXTensor(name: "h", dims: [5], dataType: .float16, rawData: [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0x00, 0x7C, 0xFF, 0x7B])
        #expect(try halves.floatValues() == [1, -2, 0x1p-24, .infinity, 65504])

        var bfloats = ONNXTensor(name: "b", dims: [1], dataType: .bfloat16)
        bfloats.int32Data = [0x3FC0]
        #expect(try bfloats.floatValues() == [1.5])
    }

    @Test func countMismatchesAreNamed() {
        var floatData = ONNXTensor(name: "conv/kernel", dims: [2, 3], dataType: .float)
        floatData.floatData = [1, 2, 3, 4, 5]
        #expect(throws: ONNXError(source: "tensor 'conv/kernel'", reason: "float_data holds 5 values, dims [2, 3] need 6")) {
            try floatData.floatValues()
        }
        let raw = ONNXTensor(name: "w", dims: [2], dataType: .float, rawData: [1, 2, 3])
        #expect(throws: ONNXError(source: "tensor 'w'", reason: "raw_data holds 3 bytes, dims [2] of FLOAT need 8")) {
            try raw.floatValues()
        }
        let negative = ONNXTensor(name: "n", dims: [-1], floats: [])
        #expect(throws: ONNXError(source: "tensor 'n'", reason: "invalid dims [-1]")) { try negative.floatValues() }
        let strings = ONNXTensor(name: "s", dims: [0], dataType: .string)
        #expect(throws: ONNXError(source: "tensor 's'", reason: "STRING elements cannot be read as floats")) {
            try strings.floatValues()
        }
        var external = ONNXTensor(name: "x", dims: [1], floats: [1])
        external.isStoredExternally = true
        #expect(throws: ONNXError(source: "tensor 'x'", reason: "data is stored in an external file, which is not supported")) {
            try external.floatValues()
        }
    }

    @Test func dataTypeNames() {
        #expect(ONNXDataType.float.description == "FLOAT")
        #expect(ONNXDataType.int64.description == "INT64")
        #expect(ONNXDataType(rawValue: 28).description == "FLOAT6E3M2")
        #expect(ONNXDataType(rawValue: 99).description == "data type 99")
        #expect(ONNXDataType.double.byteWidth == 8)
    }
}
