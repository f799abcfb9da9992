import FaceVision

extension FaceTracker {
    /// Moves the clock and every motion filter on to `time` (or keeps the latest time if `time` is earlier or not
    /// finite) and returns the time now in force.
    @discardableResult
    mutating func advance(to time: Double) -> Double {
        let now: Double
        if let latestTime {
            now = time.isFinite && time > latestTime ? time : latestTime
        } else {
            now = time.isFinite ? time : 0
        }
        latestTime = now
        for index in tracks.indices {
            tracks[index].motion.predict(to: now)
        }
        return now
    }

    mutating func observe(_ observation: DetectedFace, trackIndex: Int, at time: Double, into update: inout TrackerUpdate) {
        switch tracks[trackIndex].observe(observation, at: time, confirmHits: options.confirmHits) {
        case .confirmed:
            update.started.append(tracks[trackIndex])
        case .recovered:
            update.recovered.append(tracks[trackIndex].id)
        case .unchanged, .lost, .dropped:
            break
        }
    }

    mutating func miss(trackIndex: Int, into update: inout TrackerUpdate) {
        switch tracks[trackIndex].miss() {
        case .lost:
            update.lost.append(tracks[trackIndex].id)
        case .dropped:
            update.dropped.append(tracks[trackIndex])
        case .unchanged, .confirmed, .recovered:
            break
        }
    }

    /// Ends the lost tracks that have been lost too long and removes every ended track.
    mutating func retireTracks(at time: Double, into update: inout TrackerUpdate) {
        for index in tracks.indices where tracks[index].hasOutlivedLoss(at: time, options: options) {
            tracks[index].state = .ended
            update.ended.append(tracks[index])
            update.lost.removeAll { $0 == tracks[index].id }
        }
        tracks.removeAll { $0.state == .ended }
    }

    /// Creates a track for an observation that continues no track and returns its id.
    mutating func startTrack(_ observation: DetectedFace, at time: Double, into update: inout TrackerUpdate) -> Int {
        let id = nextID
        nextID += 1
        var track = TrackedFace(id: id, observation: observation, at: time, noise: options.motionNoise)
        update.created.append(id)
        if options.confirmHits <= 1 {
            track.state = .confirmed
            update.started.append(track)
        }
        tracks.append(track)
        return id
    }
}
