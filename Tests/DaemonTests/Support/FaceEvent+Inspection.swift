import FaceEvents

/// Reading the facts the tests look at out of an event.
extension FaceEvent {
    var isStreamUp: Bool {
        if case .streamUp = kind { return true }
        return false
    }

    /// The reason and retry delay of a `stream.down`; nil for other events.
    var down: (reason: String, retryIn: Double?)? {
        if case .streamDown(let reason, let retryIn) = kind { return (reason, retryIn) }
        return nil
    }

    /// The track of a `track.start`, `identity` or `track.end`; nil for other events.
    var track: Int? {
        switch kind {
        case .trackStart(let track, _, _), .identity(let track, _, _, _, _), .trackEnd(let track, _, _, _, _): track
        default: nil
        }
    }

    /// The name an `identity` event gives; nil for other events.
    var identity: String? {
        if case .identity(_, let identity, _, _, _) = kind { return identity }
        return nil
    }
}

/// True when `text` would print as exactly one line: no line breaks or other control characters.
func isOneLine(_ text: String) -> Bool {
    !text.isEmpty && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
}
