/// The fields of one protobuf message that this module understands, named after onnx.proto
/// (in camel case) and numbered as there; fields not listed are skipped when reading.
protocol ProtobufFieldSet: RawRepresentable<Int>, Sendable {
    static var messageName: String { get }
}

extension ProtobufFieldSet {
    /// `GraphProto.value_info`: the spelling of onnx.proto, for error messages.
    var qualifiedName: String {
        var snakeCase = ""
        for character in String(describing: self) {
            if character.isUppercase {
                snakeCase.append("_")
                snakeCase.append(contentsOf: character.lowercased())
            } else {
                snakeCase.append(character)
            }
        }
        return "\(Self.messageName).\(snakeCase)"
    }
}
