/// An operator set a model relies on: its domain (empty for the default `ai.onnx`) and version.
public struct ONNXOperatorSetID: Sendable, Equatable {
    public var domain: String
    public var version: Int64

    public init(domain: String = "", version: Int64) {
        self.domain = domain
        self.version = version
    }
}
