/// Why a model could not be loaded or run, phrased for the person who has to fix it.
public struct EngineError: Error, CustomStringConvertible, Sendable {
    /// What failed: a model file, a node, a layer.
    public var subject: String
    /// Why it failed.
    public var reason: String

    public init(_ subject: String, _ reason: String) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String { "\(subject): \(reason)" }
}
