import FaceVision

/// One face followed over time: its identity within the tracker, where it is in its life, where it is in the
/// picture, and what was last observed of it.
public struct TrackedFace: Sendable, Equatable {
    /// Unique within one `FaceTracker`: 1 for its first track, then increasing, never reused.
    public let id: Int
    public internal(set) var state: TrackState
    /// The latest detection or refinement matched to the track, as observed: box, score and landmarks.
    public internal(set) var lastObservation: DetectedFace
    /// Presentation time, in seconds, of the observation that created the track.
    public let firstSeen: Double
    /// Presentation time of `lastObservation`.
    public internal(set) var lastSeen: Double
    /// Observations matched to the track over its whole life, the first included: the frames the face was seen in.
    public internal(set) var framesSeen: Int
    /// Updates in a row, up to the latest, in which the track was matched (0 after a miss).
    public internal(set) var hitStreak: Int
    /// Updates in a row, up to the latest, in which the track was not matched (0 after a hit).
    public internal(set) var missStreak: Int
    var motion: BoxKalmanFilter

    init(id: Int, observation: DetectedFace, at time: Double, noise: BoxMotionNoise) {
        self.id = id
        state = .tentative
        lastObservation = observation
        firstSeen = time
        lastSeen = time
        framesSeen = 1
        hitStreak = 1
        missStreak = 0
        motion = BoxKalmanFilter(observing: observation.box, at: time, noise: noise)
    }

    /// The motion filter's estimate of the box at the tracker's latest time: smoothed over the observations, and
    /// moved on by the estimated velocity since the last one. The observed box is `lastObservation.box`.
    public var box: Box { motion.box }

    /// The five landmarks of the last observation (not moved with the predicted box).
    public var landmarks: [Point2D] { lastObservation.landmarks }

    /// The detector's face probability in the last observation.
    public var score: Double { lastObservation.score }

    /// Seconds from the first observation to the last: the duration a `track.end` event reports.
    public var duration: Double { lastSeen - firstSeen }
}
