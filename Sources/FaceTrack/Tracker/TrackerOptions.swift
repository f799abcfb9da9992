/// The rules a `FaceTracker` follows: when a detection continues a track, when a new track is believed, and how
/// long a track survives without being seen. The defaults are those of the `tracking` section of the config.
public struct TrackerOptions: Sendable, Equatable {
    /// The smallest IoU between a track's predicted box and a detected box for the detection to continue the
    /// track; greater than 0, at most 1. Default 0.3.
    public var iouThreshold: Double
    /// Matched observations in a row that turn a tentative track into a confirmed one, the observation that
    /// created the track included; at least 1 (1 confirms every track as soon as it is created). Default 3.
    public var confirmHits: Int
    /// Seconds of presentation time, counted from a track's last observation, after which a track that is still
    /// unmatched ends; 0 ends a confirmed track at its first miss. Default 1.0.
    public var maxLostSeconds: Double
    /// Missed updates in a row after which a track ends even if `maxLostSeconds` has not yet passed (for streams
    /// whose timestamps stall); at least 1, or nil to go by time alone. Default nil.
    public var maxLostUpdates: Int?
    /// How each track's box filter expects faces to jitter and move.
    public var motionNoise: BoxMotionNoise

    public init(
        iouThreshold: Double = 0.3, confirmHits: Int = 3, maxLostSeconds: Double = 1.0, maxLostUpdates: Int? = nil,
        motionNoise: BoxMotionNoise = BoxMotionNoise()
    ) {
        self.iouThreshold = iouThreshold
        self.confirmHits = confirmHits
        self.maxLostSeconds = maxLostSeconds
        self.maxLostUpdates = maxLostUpdates
        self.motionNoise = motionNoise
    }

    /// Throws for the first setting outside its documented range.
    public func validate() throws(TrackerOptionsError) {
        guard iouThreshold > 0, iouThreshold <= 1 else { throw .iouThresholdOutOfRange(iouThreshold) }
        guard confirmHits >= 1 else { throw .confirmHitsBelowOne(confirmHits) }
        guard maxLostSeconds >= 0, maxLostSeconds.isFinite else { throw .maxLostSecondsOutOfRange(maxLostSeconds) }
        if let maxLostUpdates, maxLostUpdates < 1 { throw .maxLostUpdatesBelowOne(maxLostUpdates) }
        for (name, value) in motionNoise.namedValues where !(value > 0 && value.isFinite) {
            throw .motionNoiseNotPositive(name: name, value: value)
        }
    }
}
