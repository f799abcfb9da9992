/// Why an image could not be processed or a vision model could not be loaded.
public struct VisionError: Error, CustomStringConvertible, Sendable {
    /// What failed: a model file, an option, an image.
    public var subject: String
    public var reason: String

    public init(_ subject: String, _ reason: String) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String { "\(subject): \(reason)" }
}
