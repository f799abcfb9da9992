import Foundation

/// One thing the daemon reports about a stream: a stream coming up or going down, a face track starting or
/// ending, a person recognised, frames dropped.
///
/// On the wire an event is one JSON object on one line (see ``jsonLine()`` and ``init(jsonLine:)``), versioned
/// by the `"v"` key, which is ``schemaVersion``.
public struct FaceEvent: Equatable, Sendable {
    /// The `"v"` every line carries; a reader refuses lines of another version.
    public static let schemaVersion = 1

    /// The stream's name, as configured (`front-door`).
    public var stream: String
    /// Wall-clock time of the event; written in UTC with millisecond precision.
    public var time: Date
    public var kind: Kind

    public init(stream: String, time: Date, kind: Kind) {
        self.stream = stream
        self.time = time
        self.kind = kind
    }

    /// The line's `"type"`: `stream.up`, `identity`, ….
    public var typeName: String { kind.typeName }

    /// Every `"type"` a line of this schema version can have, in the order the cases are declared.
    public static let typeNames = [
        "stream.up", "stream.down", "track.start", "identity", "track.end", "frames.dropped",
    ]
}
