/// Why dlib serialised data could not be read: where (the source, the byte offset, the field
/// and layer being read) and the cause, described on one line, e.g.
/// `model.dat: truncated at byte 1234 while reading params tensor of layer 17 (con_4)`.
public struct DlibFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, independent of where.
    public enum Cause: Sendable, Equatable {
        /// The data ended inside a value.
        case truncated
        /// The bytes are there but do not hold a valid value (the text says why).
        case invalid(String)
        /// The file could not be read at all (the text is the system's reason).
        case unreadable(String)
    }

    /// The file path, or `dlib data` for bytes in memory.
    public var source: String
    /// The byte where the failing value starts (or where the data ended); nil when the file could not be read.
    public var offset: Int?
    public var cause: Cause
    /// The field being read and the layer it belongs to, e.g. `params tensor of layer 17 (con_4)`.
    public var context: String?

    public init(source: String, offset: Int?, cause: Cause, context: String? = nil) {
        self.source = source
        self.offset = offset
        self.cause = cause
        self.context = context
    }

    public var description: String {
        var text: String
        switch cause {
        case .truncated: text = "truncated"
        case .invalid(let reason): text = reason
        case .unreadable(let reason): return "\(source): \(reason)"
        }
        if let offset { text += " at byte \(offset)" }
        if let context { text += " while reading \(context)" }
        return "\(source): \(text)"
    }
}
