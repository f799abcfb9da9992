extension FaceEvent {
    /// What happened, with the facts that belong to that kind of event.
    ///
    /// `track` numbers a face track within its stream; `pts` is the frame's presentation time in seconds from
    /// the start of the stream; `box` is where the face is in that frame.
    public enum Kind: Equatable, Sendable {
        /// The stream was opened. `url` is written with its password redacted; `fps` is absent when the
        /// container does not say.
        case streamUp(url: String, width: Int, height: Int, fps: Double?)
        /// The stream stopped. `retryIn` is the delay before the next attempt in seconds, absent when the
        /// stream will not be retried (a file that ended: `reason` is then ``endOfFileReason``).
        case streamDown(reason: String, retryIn: Double?)
        case trackStart(track: Int, pts: Double, box: Box)
        /// The track's identity was decided, or changed. `identity` is a person's name or
        /// ``unknownIdentity``; `distance` is absent for an unknown face when there is no gallery to compare with.
        case identity(track: Int, identity: String, distance: Double?, pts: Double, box: Box)
        /// The track was lost. `identity` is the best identity it had (or ``unknownIdentity``), `duration` its
        /// length in seconds, `frames` the number of frames the face was seen in.
        case trackEnd(track: Int, pts: Double, identity: String, duration: Double, frames: Int)
        /// A live stream fell behind: `count` frames were dropped since the previous such event, `total` since
        /// the stream came up.
        case framesDropped(count: Int, total: Int, pts: Double)

        public var typeName: String {
            switch self {
            case .streamUp: "stream.up"
            case .streamDown: "stream.down"
            case .trackStart: "track.start"
            case .identity: "identity"
            case .trackEnd: "track.end"
            case .framesDropped: "frames.dropped"
            }
        }
    }

    /// The identity of a face that matched nobody.
    public static let unknownIdentity = "unknown"
    /// The `reason` of the `stream.down` event of a file that was read to its end.
    public static let endOfFileReason = "end of file"
}
