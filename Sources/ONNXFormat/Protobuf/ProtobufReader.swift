/// Reads the fields of one protobuf message in place from a byte buffer.
///
/// A nested message is read by a reader over the same buffer with a narrower end, so
/// nothing is copied until a value (a string, a `bytes` field) is taken out.
/// The buffer must outlive the reader: use it only inside `withUnsafeBytes`.
struct ProtobufReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private let end: Int
    private var currentWireType: ProtobufWireType = .varint

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    private init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    func error(_ cause: ProtobufDecodingError.Cause, at offset: Int? = nil) -> ProtobufDecodingError {
        ProtobufDecodingError(cause: cause, offset: offset ?? position, context: nil)
    }

    /// Calls `handle` for each field listed in `Field`, which must read the field's value
    /// with one of the `read…` methods; other fields are skipped whatever their wire type.
    mutating func readFields<Field: ProtobufFieldSet>(
        _: Field.Type, _ handle: (Field, inout ProtobufReader) throws(ProtobufDecodingError) -> Void
    ) throws(ProtobufDecodingError) {
        while position < end {
            let keyOffset = position
            let number: UInt64
            do {
                number = try readFieldKey()
            } catch {
                throw error.within(Field.messageName)
            }
            let valueOffset = position
            if number <= UInt64(Int32.max), let field = Field(rawValue: Int(number)) {
                do {
                    try handle(field, &self)
                    if position == valueOffset { try skipValue() }
                } catch {
                    throw error.within(field.qualifiedName)
                }
            } else {
                do {
                    try skipValue()
                } catch {
                    throw error.within("\(Field.messageName) field \(number) (key at byte \(keyOffset))")
                }
            }
        }
    }

    /// Reads a field key, remembers its wire type and returns its field number.
    private mutating func readFieldKey() throws(ProtobufDecodingError) -> UInt64 {
        let keyOffset = position
        let key = try readVarint()
        let rawWireType = UInt8(key & 7)
        guard let wireType = ProtobufWireType(rawValue: rawWireType) else {
            throw error(.invalidWireType(rawWireType), at: keyOffset)
        }
        if wireType == .startGroup || wireType == .endGroup {
            throw error(.groupsUnsupported, at: keyOffset)
        }
        guard key >> 3 != 0 else { throw error(.fieldNumberZero, at: keyOffset) }
        currentWireType = wireType
        return key >> 3
    }

    private mutating func skipValue() throws(ProtobufDecodingError) {
        switch currentWireType {
        case .varint: _ = try readVarint()
        case .fixed64: try advance(by: 8)
        case .fixed32: try advance(by: 4)
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup, .endGroup: throw error(.groupsUnsupported)
        }
    }

    private mutating func advance(by count: Int) throws(ProtobufDecodingError) {
        guard end - position >= count else { throw error(.truncated) }
        position += count
    }

    func expect(_ wireType: ProtobufWireType, _ expected: String) throws(ProtobufDecodingError) {
        guard currentWireType == wireType else {
            throw error(.unexpectedWireType(found: currentWireType, expected: expected))
        }
    }

    var fieldWireType: ProtobufWireType { currentWireType }

    // MARK: Raw encodings

    mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw error(.truncated) }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw error(.overlongVarint, at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func readFixed32Bits() throws(ProtobufDecodingError) -> UInt32 {
        guard end - position >= 4 else { throw error(.truncated) }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: value)
    }

    mutating func readFixed64Bits() throws(ProtobufDecodingError) -> UInt64 {
        guard end - position >= 8 else { throw error(.truncated) }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return UInt64(littleEndian: value)
    }

    /// Reads a length prefix and returns the range of the bytes it covers, moving past them.
    mutating func readLengthDelimitedRange() throws(ProtobufDecodingError) -> Range<Int> {
        let lengthOffset = position
        let length = try readVarint()
        let bytesLeft = end - position
        guard length <= UInt64(bytesLeft) else {
            throw error(.lengthPastEnd(length: length, bytesLeft: bytesLeft), at: lengthOffset)
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    // MARK: Typed field values

    mutating func readInt64() throws(ProtobufDecodingError) -> Int64 {
        try expect(.varint, "a varint")
        return Int64(bitPattern: try readVarint())
    }

    mutating func readInt32() throws(ProtobufDecodingError) -> Int32 {
        try expect(.varint, "a varint")
        return Int32(truncatingIfNeeded: try readVarint())
    }

    mutating func readFloat() throws(ProtobufDecodingError) -> Float {
        try expect(.fixed32, "a fixed32 float")
        return Float(bitPattern: try readFixed32Bits())
    }

    mutating func readBytes() throws(ProtobufDecodingError) -> [UInt8] {
        try expect(.lengthDelimited, "a length-delimited value")
        let range = try readLengthDelimitedRange()
        return Array(bytes[range])
    }

    mutating func readString() throws(ProtobufDecodingError) -> String {
        try expect(.lengthDelimited, "a length-delimited string")
        let range = try readLengthDelimitedRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Reads an embedded message with `decode`, which gets a reader confined to its bytes.
    mutating func readMessage<Message>(
        _ decode: (inout ProtobufReader) throws(ProtobufDecodingError) -> Message
    ) throws(ProtobufDecodingError) -> Message {
        try expect(.lengthDelimited, "an embedded message")
        let range = try readLengthDelimitedRange()
        var inner = ProtobufReader(bytes, range: range)
        return try decode(&inner)
    }

    /// Reads a packed run of values (length-delimited), calling `readOne` on a reader
    /// confined to it until it is used up.
    mutating func readPacked(
        _ readOne: (inout ProtobufReader) throws(ProtobufDecodingError) -> Void
    ) throws(ProtobufDecodingError) {
        let range = try readLengthDelimitedRange()
        var inner = ProtobufReader(bytes, range: range)
        while !inner.isAtEnd { try readOne(&inner) }
    }

    /// The bytes of a packed run of fixed-width values, checked to hold a whole number of them.
    mutating func readPackedFixedWidth(width: Int) throws(ProtobufDecodingError) -> UnsafeRawBufferPointer {
        let start = position
        let range = try readLengthDelimitedRange()
        guard range.count % width == 0 else {
            throw error(.invalidContent("packed run of \(range.count) bytes is not a multiple of \(width)"), at: start)
        }
        return UnsafeRawBufferPointer(rebasing: bytes[range])
    }
}
