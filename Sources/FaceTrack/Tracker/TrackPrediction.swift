import FaceVision

/// Where a live track's face is expected in the frame being processed: the region the pipeline refines.
public struct TrackPrediction: Sendable, Equatable {
    public var id: Int
    public var state: TrackState
    /// The motion filter's predicted box at the frame's time.
    public var box: Box

    public init(id: Int, state: TrackState, box: Box) {
        self.id = id
        self.state = state
        self.box = box
    }
}
