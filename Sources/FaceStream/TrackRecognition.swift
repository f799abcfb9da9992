import FaceIdentity

/// One track's recognition state: its vote, and when it was last embedded, so that a face is embedded only
/// when that can help (the track is new or undecided, a clearly better view appears, or `embedEvery` frames
/// have passed).
struct TrackRecognition {
    var vote: TrackIdentityVote
    private(set) var lastEmbeddedFrame: Int?
    private(set) var bestEmbeddedArea: Double = 0
    /// The distance of the latest match, reported with an "unknown" decision.
    private(set) var lastDistance: Float?

    init(options: TrackIdentityVote.Options) {
        vote = TrackIdentityVote(options: options)
    }

    func wantsEmbedding(frame: Int, faceArea: Double, settings: AnalysisSettings) -> Bool {
        guard let lastEmbeddedFrame else { return true }
        if case .undecided = vote.decision { return true }
        if frame - lastEmbeddedFrame >= settings.embedEvery { return true }
        return faceArea >= bestEmbeddedArea * settings.betterFaceRatio
    }

    /// Records a match; returns the decision when it changed.
    mutating func record(_ match: Match, frame: Int, faceArea: Double) -> TrackIdentityVote.Decision? {
        lastEmbeddedFrame = frame
        bestEmbeddedArea = max(bestEmbeddedArea, faceArea)
        lastDistance = match.distance
        return vote.record(match)
    }
}
