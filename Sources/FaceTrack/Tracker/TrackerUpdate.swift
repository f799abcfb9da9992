/// What one call to a `FaceTracker` changed, for the pipeline to turn into events and scheduling decisions.
///
/// Track records (`started`, `ended`, `dropped`) are copies taken at the moment of the change. Lists of ids are in
/// ascending id order.
public struct TrackerUpdate: Sendable, Equatable {
    /// The time the update was made at (the call's time, or the tracker's latest time if the call's was earlier).
    public internal(set) var time: Double
    /// For `associate`: the track each detection went to, in the order of the detections: an existing track it
    /// continues, or a tentative track it created (those are also in `created`). Empty for other calls.
    public internal(set) var trackIDsByDetection: [Int] = []
    /// Tentative tracks created by detections that continued no track.
    public internal(set) var created: [Int] = []
    /// Tracks confirmed in this update, in state `.confirmed`: each is a `track.start`.
    public internal(set) var started: [TrackedFace] = []
    /// Lost tracks matched again in this update; they keep their id and are confirmed once more.
    public internal(set) var recovered: [Int] = []
    /// Confirmed tracks that missed in this update and are still live.
    public internal(set) var lost: [Int] = []
    /// Tracks that had been confirmed and ended in this update, in state `.ended`: each is a `track.end`, with
    /// `duration` and `framesSeen`.
    public internal(set) var ended: [TrackedFace] = []
    /// Tentative tracks that ended in this update: never confirmed, never reported, nothing to emit.
    public internal(set) var dropped: [TrackedFace] = []
    /// Ids given to `refine` that belong to no live track (ended earlier, or never issued); they changed nothing.
    public internal(set) var ignoredTrackIDs: [Int] = []

    init(time: Double) {
        self.time = time
    }
}
