/// How detections are followed from frame to frame (YAML `tracking`).
public struct TrackingConfiguration: Sendable, Equatable {
    /// Least overlap (intersection over union) for a detection to continue an existing track.
    public var iouThreshold = 0.3
    /// Detections in a row before a new track is confirmed and reported.
    public var confirmHits = 3
    /// How long a track may go unseen before it is closed (YAML `max_lost_seconds`).
    public var maximumLostTime: Duration = .seconds(1)
    /// Between full detections, re-locate each tracked face with the cascade's later stages around its last
    /// box instead of only carrying the box forward.
    public var refine = true
    /// When refining misses a confirmed face, search for it with the whole cascade on a window around where it was
    /// expected; a face this does not find waits for the next full detection (YAML `search_missed`).
    public var searchMissed = true

    public static let defaults = TrackingConfiguration()

    public init() {}
}
