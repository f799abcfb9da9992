/// What the daemon's streams are doing right now, as their events tell it: each stream starting, up or down, the
/// faces in view with the names decided for them, and the frames dropped. The daemon shows `summary` in
/// `systemctl status`.
public struct LiveStatus: Equatable, Sendable {
    private struct Stream: Equatable, Sendable {
        var state = State.starting
        /// The tracks in view and their decided identity (nil while undecided), by track number.
        var faces: [Int: String?] = [:]
        var droppedFrames = 0
    }

    private enum State: Equatable, Sendable {
        case starting, up, down(reason: String), ended
    }

    /// The names shown for one stream; more faces are counted.
    public static let namesShown = 4

    private var streams: [String: Stream] = [:]
    private var order: [String]

    /// A status for these streams (in this order), each starting; streams first named by an event join at the end.
    public init(streams: [String] = []) {
        order = streams
        for name in streams { self.streams[name] = Stream() }
    }

    public mutating func record(_ event: FaceEvent) {
        if streams[event.stream] == nil {
            order.append(event.stream)
        }
        var stream = streams[event.stream] ?? Stream()
        switch event.kind {
        case .streamUp:
            stream.state = .up
            stream.droppedFrames = 0
        case .streamDown(let reason, let retryIn):
            stream.state = retryIn == nil && reason == FaceEvent.endOfFileReason ? .ended : .down(reason: reason)
            stream.faces = [:]
        case .trackStart(let track, _, _):
            stream.faces[track] = .some(nil)
        case .identity(let track, let identity, _, _, _):
            stream.faces[track] = .some(identity)
        case .trackEnd(let track, _, _, _, _):
            stream.faces[track] = nil
        case .framesDropped(_, let total, _):
            stream.droppedFrames = total
        }
        streams[event.stream] = stream
    }

    /// One line: `door: up, 2 faces (alice, unknown); garage: down (connection refused)`.
    public var summary: String {
        order.map { name in "\(name): \(describe(streams[name] ?? Stream()))" }.joined(separator: "; ")
    }

    private func describe(_ stream: Stream) -> String {
        switch stream.state {
        case .starting:
            return "starting"
        case .ended:
            return "ended"
        case .down(let reason):
            return "down (\(reason))"
        case .up:
            var text = "up, "
            if stream.faces.isEmpty {
                text += "no faces"
            } else {
                let names = stream.faces.keys.sorted().map { track -> String in
                    let identity: String? = stream.faces[track] ?? nil
                    return identity ?? "not yet named"
                }
                let shown = names.prefix(Self.namesShown).joined(separator: ", ")
                let more = names.count > Self.namesShown ? " and \(names.count - Self.namesShown) more" : ""
                text += "\(names.count) face\(names.count == 1 ? "" : "s") (\(shown)\(more))"
            }
            if stream.droppedFrames > 0 { text += ", \(stream.droppedFrames) frames dropped" }
            return text
        }
    }
}
