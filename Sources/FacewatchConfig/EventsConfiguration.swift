/// Where events (one JSON object per line) go: a log file and a Unix socket that subscribers connect to
/// (YAML `events`).
public struct EventsConfiguration: Sendable, Equatable {
    public var log = EventLogTarget.file("/var/log/facewatch/events.jsonl")
    /// The socket's path; nil for no socket.
    public var socket: String? = "/run/facewatch/events.sock"
    /// Permission bits of the socket file: who may subscribe (connecting needs write permission). The YAML
    /// value is always read as octal digits, like chmod's: `"0660"`, `0660` and `660` are the same.
    public var socketMode: UInt32 = 0o660
    /// Bytes queued for one subscriber before a subscriber that does not read is disconnected.
    public var subscriberBuffer = 1_048_576

    public static let defaults = EventsConfiguration()

    /// The most bytes of a Unix socket path (`sun_path` holds 108 with the terminating NUL).
    public static let maximumSocketPathLength = 107
    public static let minimumSubscriberBuffer = 4096

    public init() {}
}

/// Where the event log is written.
public enum EventLogTarget: Sendable, Equatable {
    /// Appended to this file (reopened on SIGHUP, for log rotation).
    case file(String)
    /// Standard output, e.g. for the journal (YAML `"-"`).
    case standardOutput
    /// No log (YAML `""` or null).
    case disabled
}
