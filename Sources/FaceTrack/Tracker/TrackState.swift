/// Where a track is in its life: tentative → confirmed ⇄ lost → ended, or tentative → ended without ever having
/// been reported.
public enum TrackState: Sendable, Equatable, Hashable {
    /// Seen in every update since it was created, but fewer than `confirmHits` times: possibly a false detection.
    case tentative
    /// Believed to be a real face, and not missed since its last observation.
    case confirmed
    /// Confirmed earlier, but unmatched in its latest update or updates; still predicted, and confirmed again if
    /// matched before it ends.
    case lost
    /// No longer followed. Only the track records in a `TrackerUpdate` carry this state.
    case ended
}
