/// Why protobuf bytes could not be decoded: the cause, the byte offset where it was found,
/// and the innermost message field being read at the time.
struct ProtobufDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Cause: Sendable, Equatable {
        case truncated
        case lengthPastEnd(length: UInt64, bytesLeft: Int)
        case overlongVarint
        case groupsUnsupported
        case invalidWireType(UInt8)
        case fieldNumberZero
        case unexpectedWireType(found: ProtobufWireType, expected: String)
        case invalidContent(String)
    }

    var cause: Cause
    var offset: Int
    var context: String?

    /// Names the field being read unless an inner message already named a more precise one.
    func within(_ field: String) -> ProtobufDecodingError {
        var copy = self
        if copy.context == nil { copy.context = field }
        return copy
    }

    var description: String {
        let what: String
        switch cause {
        case .truncated:
            what = "truncated at byte \(offset)"
        case .lengthPastEnd(let length, let bytesLeft):
            what = "truncated at byte \(offset): \(length) bytes declared, \(bytesLeft) left"
        case .overlongVarint:
            what = "varint longer than 64 bits at byte \(offset)"
        case .groupsUnsupported:
            what = "protobuf groups are not supported (byte \(offset))"
        case .invalidWireType(let value):
            what = "invalid wire type \(value) at byte \(offset)"
        case .fieldNumberZero:
            what = "field number 0 at byte \(offset)"
        case .unexpectedWireType(let found, let expected):
            what = "\(found.name) value where \(expected) was expected at byte \(offset)"
        case .invalidContent(let reason):
            what = "\(reason) at byte \(offset)"
        }
        guard let context else { return what }
        return "\(what) while reading \(context)"
    }
}
