import FacewatchSupport

/// What a stream's analysis did and where its time went: the figures behind `facewatch bench pipeline` and the
/// daemon's statistics.
public struct AnalysisCounts: Sendable, Equatable {
    public var frames = 0
    /// Full MTCNN cascades run.
    public var detections = 0
    /// Tracked faces re-found with O-Net between full detections.
    public var refinements = 0
    /// Searches with the cascade around tracked faces that O-Net missed on their predicted boxes.
    public var searches = 0
    /// Faces aligned and embedded.
    public var embeddings = 0
    /// Frames of a live stream analysed while it was behind: without refining tracks or embedding faces.
    public var framesCatchingUp = 0
    /// Frames a live stream dropped because analysis was behind.
    public var droppedFrames = 0
    public var detectionSeconds = 0.0
    public var refinementSeconds = 0.0
    public var searchSeconds = 0.0
    public var embeddingSeconds = 0.0
    /// Seconds from a frame's decoding to the end of its analysis, when its events have been published.
    public var latency = LatencyHistogram()

    public init() {}

    /// The daemon's monotonic clock (`MonotonicClock`) in seconds, the time base of `VideoFrame.decodedAt`.
    public static func now() -> Double { MonotonicClock.seconds() }
}
