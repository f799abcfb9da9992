/// Why an ONNX model or tensor could not be read, written or converted.
///
/// `source` names the thing (a file path, `ONNX data` for bytes in memory, or a tensor);
/// the description is one line: `pnet.onnx: truncated at byte 1234 while reading GraphProto.node`.
public struct ONNXError: Error, CustomStringConvertible, Sendable, Equatable {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
