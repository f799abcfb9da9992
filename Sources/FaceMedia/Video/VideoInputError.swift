import FacewatchSupport

/// Why a video could not be opened or read further; each description is one line naming the source.
public enum VideoInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(source: String)
    /// FFmpeg could not open or recognise the source (connection refused, unknown format, bad URL…).
    case cannotOpen(source: String, detail: String)
    case noVideoStream(source: String)
    case noDecoder(source: String, codec: String)
    /// No data arrived for the configured time.
    case timedOut(source: String, seconds: Double, during: String)
    /// Reading or decoding failed part way.
    case readFailed(source: String, detail: String)
    /// `cancel()` interrupted the blocking call (shutdown).
    case cancelled(source: String)

    public var source: String {
        switch self {
        case .fileNotFound(let source), .cannotOpen(let source, _), .noVideoStream(let source),
             .noDecoder(let source, _), .timedOut(let source, _, _), .readFailed(let source, _),
             .cancelled(let source):
            return source
        }
    }

    /// The cause alone, for events that already name the stream.
    public var reason: String {
        switch self {
        case .fileNotFound:
            return "no such file"
        case .cannotOpen(_, let detail):
            return "cannot open (\(oneLine(detail)))"
        case .noVideoStream:
            return "has no video stream"
        case .noDecoder(_, let codec):
            return "FFmpeg has no decoder for its \(codec) video"
        case .timedOut(_, let seconds, let during):
            return "no data for \(formatSeconds(seconds)) s while \(during)"
        case .readFailed(_, let detail):
            return "read failed (\(oneLine(detail)))"
        case .cancelled:
            return "stopped"
        }
    }

    public var description: String { "\(oneLine(source)): \(reason)" }
}

private func formatSeconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
