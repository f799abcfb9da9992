import Testing
import DlibFormat

/// The scalar and tensor decoders on byte sequences written out by hand (and, where noted, taken from
/// dlib_face_recognition_resnet_model_v1.dat).
struct PrimitiveDecodingTests {
    @Test(arguments: [
        ([0x01, 0x00], 0),
        ([0x01, 0x07], 7),
        ([0x81, 0x01], -1),
        ([0x02, 0x00, 0x01], 256),
        ([0x82, 0x34, 0x12], -0x1234),
        ([0x03, 0x9a, 0x99, 0x99], 0x99999a),
        ([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], Int64.max),
        ([0x88, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80], Int64.min),
    ] as [([UInt8], Int64)])
    func integers(bytes: [UInt8], expected: Int64) throws {
        var reader = DlibByteReader(bytes)
        #expect(try reader.readInteger() == expected)
        #expect(reader.isAtEnd)
    }

    @Test func integersWrittenByTheTestWriterRoundTrip() throws {
        let values: [Int64] = [0, 1, -1, 127, 128, -255, 65_535, 1 << 40, -(1 << 62), .max, .min + 1]
        var out = DlibBytes()
        for value in values { out.integer(value) }
        var reader = DlibByteReader(out.bytes)
        for value in values { #expect(try reader.readInteger() == value) }
        #expect(reader.isAtEnd)
    }

    @Test(arguments: [
        ([], "truncated at byte 0"),
        ([0x02, 0x01], "truncated at byte 0"),
        ([0x00], "invalid integer control byte 0x00 at byte 0"),
        ([0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9], "invalid integer control byte 0x09 at byte 0"),
        ([0x11, 0x05], "invalid integer control byte 0x11 at byte 0"),
        ([0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80], "integer out of range at byte 0"),
    ] as [([UInt8], String)])
    func badIntegers(bytes: [UInt8], expected: String) {
        var reader = DlibByteReader(bytes, source: "ints.dat")
        let error = capturedError { try reader.readInteger("count") }
        #expect(error?.description == "ints.dat: \(expected) while reading count")
    }

    @Test func integerRangeIsChecked() {
        var reader = DlibByteReader([0x81, 0x03])
        let error = capturedError { try reader.readInteger("stride", in: 1...10) }
        #expect(error?.description == "dlib data: stride -3 is outside 1…10 at byte 0 while reading stride")
    }

    @Test func bools() throws {
        var reader = DlibByteReader(Array("10x".utf8), source: "flags.dat")
        #expect(try reader.readBool() == true)
        #expect(try reader.readBool() == false)
        let error = capturedError { try reader.readBool("setup flag") }
        #expect(error?.description == "flags.dat: invalid bool byte 0x78 (expected '1' or '0') at byte 2 while reading setup flag")
    }

    @Test func strings() throws {
        var reader = DlibByteReader([0x01, 0x05] + Array("relu_".utf8) + [0x01, 0x00, 0x01, 0x04, 0x61])
        #expect(try reader.readString() == "relu_")
        #expect(try reader.readString() == "")
        #expect(capturedError { try reader.readString("name") }
                == DlibFormatError(source: "dlib data", offset: 9, cause: .truncated, context: "name"))
    }

    @Test(arguments: [
        ([0x03, 0x0a, 0xd7, 0xa3, 0x81, 0x1c], Float(0.04)),     // the model's margin
        ([0x03, 0x9a, 0x99, 0x99, 0x81, 0x18], Float(0.6)),      // the model's distance threshold
        ([0x03, 0x62, 0x90, 0xf5, 0x81, 0x11], Float(122.782)),  // the model's red mean
        ([0x01, 0x10, 0x81, 0x04], Float(1)),
        ([0x01, 0x00, 0x01, 0x0b], Float(0)),                    // dlib's zero, as in the model
        ([0x81, 0x03, 0x01, 0x02], Float(-12)),
    ] as [([UInt8], Float)])
    func floats(bytes: [UInt8], expected: Float) throws {
        var reader = DlibByteReader(bytes)
        #expect(Float(try reader.readFloat()) == expected)
        #expect(reader.isAtEnd)
    }

    @Test func specialFloats() throws {
        var out = DlibBytes()
        for exponent: Int64 in [32000, 32001, 32003] { out.float(mantissa: 0, exponent: exponent) }
        var reader = DlibByteReader(out.bytes)
        #expect(try reader.readFloat() == .infinity)
        #expect(try reader.readFloat() == -.infinity)
        #expect(try reader.readFloat().isNaN)
    }

    @Test func floatExponentMustBe16Bits() {
        var out = DlibBytes()
        out.float(mantissa: 1, exponent: 40_000)
        var reader = DlibByteReader(out.bytes)
        let error = capturedError { try reader.readFloat("margin") }
        #expect(error?.description == "dlib data: float exponent 40000 is not a 16-bit integer at byte 2 while reading margin")
    }

    @Test func tensor() throws {
        let bytes: [UInt8] = [0x01, 0x02, 0x01, 0x01, 0x01, 0x02, 0x01, 0x01, 0x01, 0x02,
                              0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0,
                              0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x80, 0x3e]
        var reader = DlibByteReader(bytes)
        let tensor = try reader.readTensor()
        #expect(tensor.shape == DlibTensorShape(samples: 1, channels: 2, rows: 1, columns: 2))
        #expect(tensor.values == [1, -2, 3, 0.25])
        #expect(reader.isAtEnd)
    }

    @Test func aliasTensor() throws {
        var reader = DlibByteReader([0x01, 0x01, 0x01, 0x20, 0x01, 0x03, 0x01, 0x07, 0x01, 0x07])
        #expect(try reader.readAliasTensor() == DlibTensorShape(samples: 32, channels: 3, rows: 7, columns: 7))
    }

    @Test func tensorVersionIsChecked() {
        var reader = DlibByteReader([0x01, 0x01, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00])
        let error = capturedError { try reader.readTensor("params tensor") }
        #expect(error?.description == "dlib data: params tensor has version 1, expected 2 at byte 0 while reading params tensor")
    }

    @Test func tensorWithMissingValuesIsTruncatedWithoutAllocatingThem() {
        var out = DlibBytes()
        out.integer(2)
        out.shape(1, 1, 1 << 30, 1 << 30)
        out.bytes += [0, 0, 0x80, 0x3f]
        var reader = DlibByteReader(out.bytes, source: "big.dat")
        let error = capturedError { try reader.readTensor("params tensor") }
        #expect(error?.cause == .truncated)
        #expect(error?.offset == out.bytes.count - 4)
        #expect(error?.description == "big.dat: truncated at byte \(out.bytes.count - 4) while reading values of params tensor 1×1×1073741824×1073741824")
    }

    @Test func tensorShapeThatOverflowsIsRejected() {
        var out = DlibBytes()
        out.integer(2)
        out.shape(Int(Int32.max), Int(Int32.max), Int(Int32.max), 2)
        var reader = DlibByteReader(out.bytes)
        let error = capturedError { try reader.readTensor() }
        #expect(error?.description == "dlib data: tensor shape 2147483647×2147483647×2147483647×2 is too large at byte 2 while reading tensor")
    }
}
