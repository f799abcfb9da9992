/// Builds protobuf bytes field by field. Repeated scalars are written packed; an embedded
/// message is written in place and its length prefix inserted before it afterwards.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    private mutating func writeKey(_ field: Int, _ wireType: ProtobufWireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func writeInt64(_ field: Int, _ value: Int64) {
        writeKey(field, .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    /// Negative values take ten bytes, sign-extended to 64 bits as protobuf's int32 requires.
    mutating func writeInt32(_ field: Int, _ value: Int32) {
        writeInt64(field, Int64(value))
    }

    mutating func writeFloat(_ field: Int, _ value: Float) {
        writeKey(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    mutating func writeBytes(_ field: Int, _ value: [UInt8]) {
        writeKey(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeString(_ field: Int, _ value: String) {
        writeBytes(field, Array(value.utf8))
    }

    /// Writes a string only when it is not empty, as proto3 does for defaults.
    mutating func writeNonEmptyString(_ field: Int, _ value: String) {
        if !value.isEmpty { writeString(field, value) }
    }

    mutating func writeMessage(_ field: Int, _ encodeBody: (inout ProtobufWriter) -> Void) {
        writeKey(field, .lengthDelimited)
        let bodyStart = bytes.count
        encodeBody(&self)
        var prefix = ProtobufWriter()
        prefix.writeVarint(UInt64(bytes.count - bodyStart))
        bytes.insert(contentsOf: prefix.bytes, at: bodyStart)
    }

    private mutating func writePacked(_ field: Int, count: Int, _ encodeValues: (inout ProtobufWriter) -> Void) {
        guard count > 0 else { return }
        writeMessage(field, encodeValues)
    }

    mutating func writePackedInt64s(_ field: Int, _ values: [Int64]) {
        writePacked(field, count: values.count) { writer in
            for value in values { writer.writeVarint(UInt64(bitPattern: value)) }
        }
    }

    mutating func writePackedUInt64s(_ field: Int, _ values: [UInt64]) {
        writePacked(field, count: values.count) { writer in
            for value in values { writer.writeVarint(value) }
        }
    }

    mutating func writePackedInt32s(_ field: Int, _ values: [Int32]) {
        writePacked(field, count: values.count) { writer in
            for value in values { writer.writeVarint(UInt64(bitPattern: Int64(value))) }
        }
    }

    mutating func writePackedFloats(_ field: Int, _ values: [Float]) {
        writePacked(field, count: values.count) { writer in
            for value in values { writer.appendLittleEndian(value.bitPattern) }
        }
    }

    mutating func writePackedDoubles(_ field: Int, _ values: [Double]) {
        writePacked(field, count: values.count) { writer in
            for value in values { writer.appendLittleEndian(value.bitPattern) }
        }
    }
}
