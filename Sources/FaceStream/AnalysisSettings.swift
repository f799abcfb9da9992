import FaceIdentity
import FaceMedia
import FaceTrack
import FaceVision

/// How one stream's frames are analysed: when the full detector runs, how tracks are kept, and when and how
/// faces are recognised.
public struct AnalysisSettings: Sendable {
    /// The full MTCNN cascade runs on every `detectEvery`-th frame.
    public var detectEvery: Int = 5
    /// Detector parameters; `minimumFaceSize` is in full-resolution pixels and is scaled for downscaled frames.
    public var detection = MTCNNOptions()
    public var tracking = TrackerOptions()
    /// Between full detections, tracked faces are re-found with O-Net on their predicted boxes.
    public var refineTracks = true
    /// A confirmed or lost track that O-Net misses on its predicted box is searched for with the cascade on a
    /// window around the prediction (three times the face's size); one that this does not find either waits for
    /// the next full detection.
    public var searchMissedTracks = true
    /// A face matches an enrolled person under this distance.
    public var threshold: Float = 0.6
    public var vote = TrackIdentityVote.Options()
    /// Frames between embeddings of a track whose identity is decided.
    public var embedEvery: Int = 25
    /// Faces embedded at most per frame; the tracks with the fewest descriptors go first.
    public var embeddingsPerFrame: Int = 4
    /// A face this many times larger than the best one embedded so far is embedded at once.
    public var betterFaceRatio: Double = 1.5

    public init() {}

    /// Whether the frame with this decode index is one of the scheduled full detections (every `detectEvery`-th
    /// frame), which may be run ahead of time, on another core, and handed to the analyzer.
    public func isScheduledForDetection(frameIndex: Int) -> Bool {
        frameIndex % max(1, detectEvery) == 0
    }

    /// The detector's options for a frame: the minimum face size is given in source pixels.
    public func detectionOptions(for frame: VideoFrame) -> MTCNNOptions {
        var options = detection
        options.minimumFaceSize = max(12, detection.minimumFaceSize / frame.scale)
        return options
    }
}
