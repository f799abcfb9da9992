import FacewatchSupport

/// Why an ONNX model cannot serve as a face embedder; every description is one line that starts with the model
/// file's path.
public enum ONNXEmbedderError: Error, CustomStringConvertible, Sendable, Equatable {
    case fileMissing(path: String)
    /// The file exists but cannot be read (permissions, a directory, an I/O error).
    case unreadable(path: String, reason: String)
    /// The bytes are not an ONNX model (truncated, damaged, another format).
    case malformed(path: String, reason: String)
    /// A valid ONNX model that facewatch's engine cannot build; the reason names the node and its operator.
    case unsupported(path: String, reason: String)
    /// The model must take exactly one image tensor.
    case inputCount(path: String, names: [String])
    case inputType(path: String, input: String, type: String)
    /// The input is not `[N, 3, S, S]`; `expected` says what was wrong with it.
    case inputShape(path: String, input: String, shape: String, expected: String)
    case noOutput(path: String)
    /// The first output is not `[N, D]`.
    case outputShape(path: String, output: String, shape: String)
    /// The trial run at load time failed.
    case trialRun(path: String, reason: String)

    public var path: String {
        switch self {
        case .fileMissing(let path), .unreadable(let path, _), .malformed(let path, _), .unsupported(let path, _),
             .inputCount(let path, _), .inputType(let path, _, _), .inputShape(let path, _, _, _),
             .noOutput(let path), .outputShape(let path, _, _),
             .trialRun(let path, _):
            return path
        }
    }

    public var description: String {
        oneLine("\(path): \(cause)")
    }

    /// The description without the path.
    var cause: String {
        switch self {
        case .fileMissing:
            return "no such ONNX embedder model file"
        case .unreadable(_, let reason):
            return "cannot read the ONNX embedder model (\(reason))"
        case .malformed(_, let reason):
            return "not a valid ONNX model (\(reason))"
        case .unsupported(_, let reason):
            return reason
        case .inputCount(_, let names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return "an embedder takes one image input [N, 3, S, S]; this model has \(names.count)\(names.isEmpty ? "" : " (\(list))")"
        case .inputType(_, let input, let type):
            return "input '\(input)' holds \(type); an embedder takes FLOAT pixels"
        case .inputShape(_, let input, let shape, let expected):
            return "input '\(input)' is \(shape); \(expected)"
        case .noOutput:
            return "the model declares no output"
        case .outputShape(_, let output, let shape):
            return "output '\(output)' is \(shape); an embedder outputs [N, D], one descriptor per face"
        case .trialRun(_, let reason):
            return "fails on a blank chip (\(reason))"
        }
    }
}
