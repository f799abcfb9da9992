import FaceVision

extension TrackedFace {
    /// A change of state that an update reports.
    enum Transition: Equatable {
        case unchanged
        case confirmed
        case recovered
        case lost
        case dropped
    }

    /// Folds in an observation made at `time` (the filter has already been moved on to it).
    mutating func observe(_ observation: DetectedFace, at time: Double, confirmHits: Int) -> Transition {
        motion.update(with: observation.box)
        lastObservation = observation
        lastSeen = time
        framesSeen += 1
        hitStreak += 1
        missStreak = 0
        switch state {
        case .tentative where hitStreak >= confirmHits:
            state = .confirmed
            return .confirmed
        case .lost:
            state = .confirmed
            return .recovered
        case .tentative, .confirmed, .ended:
            return .unchanged
        }
    }

    /// Records an update in which the track was not matched. A tentative track ends at its first miss.
    mutating func miss() -> Transition {
        hitStreak = 0
        missStreak += 1
        switch state {
        case .tentative:
            state = .ended
            return .dropped
        case .confirmed:
            state = .lost
            return .lost
        case .lost, .ended:
            return .unchanged
        }
    }

    /// Whether a lost track has gone unmatched too long to be kept at `time`.
    func hasOutlivedLoss(at time: Double, options: TrackerOptions) -> Bool {
        guard state == .lost else { return false }
        if let maxLostUpdates = options.maxLostUpdates, missStreak >= maxLostUpdates { return true }
        return time - lastSeen >= options.maxLostSeconds
    }
}
