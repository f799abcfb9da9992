/// Why a trained network could not be turned into an ONNX model.
public enum ONNXExportError: Error, CustomStringConvertible, Sendable {
    /// A layer (at a position such as `2.body.0`) that has no ONNX form.
    case unsupportedLayer(position: String, type: String)
    /// A layer that needs an input of another rank than the one it gets (PReLU and batch norm need rank ≥ 2,
    /// pooling and convolution rank 4).
    case rankMismatch(position: String, type: String, rank: Int)
    /// The network failed on a blank input of the declared size, so the output's width is unknown.
    case trialRun(reason: String)
    /// The ONNX file could not be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unsupportedLayer(position, type):
            "ONNX export: layer \(position) (\(type)) has no ONNX form"
        case let .rankMismatch(position, type, rank):
            "ONNX export: layer \(position) (\(type)) cannot take a rank-\(rank) input"
        case let .trialRun(reason):
            "ONNX export: the network fails on a blank input: \(reason.escapingControlCharacters)"
        case let .unwritable(path, reason):
            "ONNX export: cannot write \(path.escapingControlCharacters): \(reason.escapingControlCharacters)"
        }
    }
}

extension String {
    /// The text with newlines, tabs and other control characters shown as escapes, so it stays on one line.
    fileprivate var escapingControlCharacters: String {
        unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
