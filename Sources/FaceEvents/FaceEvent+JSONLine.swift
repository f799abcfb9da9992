import FacewatchSupport
extension FaceEvent {
    /// Decimals each number keeps on the wire; a value read back equals the value written rounded to these.
    public enum WirePrecision {
        public static let distance = 4
        /// `pts`, `duration`, `retry_in` and `fps`, in seconds (frames per second for `fps`).
        public static let seconds = 3
        public static let box = 1
    }

    /// The event as one line of compact JSON, without a trailing newline.
    ///
    /// Keys come in a fixed order: `v`, `type`, `stream`, the keys of the event's kind, then `ts`, then `pts`
    /// and `box` where the kind has them:
    ///
    ///     {"v":1,"type":"identity","stream":"front-door","track":17,"identity":"alice","distance":0.38,"ts":"2026-11-29T04:12:33.120Z","pts":12.48,"box":[412,133,96,118]}
    ///
    /// Optional values that are nil are left out. Numbers are rounded as ``WirePrecision`` says and written in
    /// their shortest form; a URL's password is redacted (``redactingCredentials(in:)``).
    public func jsonLine() -> String {
        var writer = JSONLineWriter()
        writer.add("v", integer: Self.schemaVersion)
        writer.add("type", string: typeName)
        writer.add("stream", string: stream)
        let timestamp = EventTimestamp.text(time)
        switch kind {
        case .streamUp(let url, let width, let height, let fps):
            writer.add("url", string: redactingCredentials(in: url))
            writer.add("width", integer: width)
            writer.add("height", integer: height)
            if let fps { writer.add("fps", number: fps, decimals: WirePrecision.seconds) }
            writer.add("ts", string: timestamp)
        case .streamDown(let reason, let retryIn):
            writer.add("reason", string: reason)
            if let retryIn { writer.add("retry_in", number: retryIn, decimals: WirePrecision.seconds) }
            writer.add("ts", string: timestamp)
        case .trackStart(let track, let pts, let box):
            writer.add("track", integer: track)
            writer.add("ts", string: timestamp)
            writer.add("pts", number: pts, decimals: WirePrecision.seconds)
            writer.add("box", numbers: box.wireNumbers, decimals: WirePrecision.box)
        case .identity(let track, let identity, let distance, let pts, let box):
            writer.add("track", integer: track)
            writer.add("identity", string: identity)
            if let distance { writer.add("distance", number: distance, decimals: WirePrecision.distance) }
            writer.add("ts", string: timestamp)
            writer.add("pts", number: pts, decimals: WirePrecision.seconds)
            writer.add("box", numbers: box.wireNumbers, decimals: WirePrecision.box)
        case .trackEnd(let track, let pts, let identity, let duration, let frames):
            writer.add("track", integer: track)
            writer.add("identity", string: identity)
            writer.add("duration", number: duration, decimals: WirePrecision.seconds)
            writer.add("frames", integer: frames)
            writer.add("ts", string: timestamp)
            writer.add("pts", number: pts, decimals: WirePrecision.seconds)
        case .framesDropped(let count, let total, let pts):
            writer.add("count", integer: count)
            writer.add("total", integer: total)
            writer.add("ts", string: timestamp)
            writer.add("pts", number: pts, decimals: WirePrecision.seconds)
        }
        return writer.finish()
    }
}

extension FaceEvent.Box {
    var wireNumbers: [Double] { [x, y, width, height] }
}
