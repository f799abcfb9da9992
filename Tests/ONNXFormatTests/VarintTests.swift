import Testing
@testable import ONNXFormat

@Suite struct VarintTests {
    private func decodeVarint(_ bytes: [UInt8]) throws(ProtobufDecodingError) -> (value: UInt64, consumed: Int) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ProtobufDecodingError) in
                var reader = ProtobufReader(buffer)
                return (try reader.readVarint(), reader.position)
            }
        }
        return try result.get()
    }

    private func encodeVarint(_ value: UInt64) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(value)
        return writer.bytes
    }

    static let encodings: [(value: UInt64, bytes: [UInt8])] = [
        (0, [0x00]),
        (1, [0x01]),
        (127, [0x7F]),
        (128, [0x80, 0x01]),
        (300, [0xAC, 0x02]),
        (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (UInt64(Int64.max), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: encodings)
    func knownEncodings(value: UInt64, bytes: [UInt8]) throws {
        #expect(encodeVarint(value) == bytes)
        let decoded = try decodeVarint(bytes)
        #expect(decoded.value == value)
        #expect(decoded.consumed == bytes.count)
    }

    @Test func negativeInt64TakesTenBytes() throws {
        var writer = ProtobufWriter()
        writer.writeInt64(1, -1)
        #expect(writer.bytes == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func nonMinimalEncodingIsAccepted() throws {
        #expect(try decodeVarint([0x81, 0x80, 0x80, 0x00]).value == 1)
    }

    @Test func elevenBytesAreRejected() {
        let bytes = [UInt8](repeating: 0x80, count: 10) + [0x00]
        #expect(throws: ProtobufDecodingError.self) { try decodeVarint(bytes) }
        do {
            _ = try decodeVarint(bytes)
        } catch {
            #expect(error.cause == .overlongVarint)
            #expect(error.offset == 0)
        }
    }

    @Test func tenthByteBeyondBit64IsRejected() {
        let bytes = [UInt8](repeating: 0xFF, count: 9) + [0x02]
        #expect(throws: ProtobufDecodingError(cause: .overlongVarint, offset: 0)) { try decodeVarint(bytes) }
    }

    @Test(arguments: [[UInt8](), [0x80], [0xFF, 0xFF, 0xFF]])
    func unterminatedVarintIsTruncated(bytes: [UInt8]) {
        #expect(throws: ProtobufDecodingError(cause: .truncated, offset: bytes.count)) { try decodeVarint(bytes) }
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<1000 {
            let value = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let bytes = encodeVarint(value)
            let decoded = try decodeVarint(bytes)
            #expect(decoded.value == value && decoded.consumed == bytes.count)
        }
    }
}
