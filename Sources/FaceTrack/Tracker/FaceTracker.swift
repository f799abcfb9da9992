import FaceVision

/// Follows the faces of one video stream over time: gives each face a stable id, predicts where it moves between
/// detections, and decides when a track is believed (confirmed), briefly missing (lost) and gone (ended).
///
/// The pipeline calls it once per processed frame, with the frame's presentation time in seconds:
/// `predict(to:)` for the regions to refine, then either `associate(_:at:)` with a full detection's faces or
/// `refine(_:at:)` with the refined observation of each predicted track; `endAll(at:)` at the end of the stream.
/// Times should not decrease; an earlier time is taken as the latest one seen, and a non-finite one too.
public struct FaceTracker: Sendable {
    public let options: TrackerOptions
    /// The live tracks (tentative, confirmed and lost), in ascending id order.
    public internal(set) var tracks: [TrackedFace] = []
    /// The latest time the tracker has been moved to; nil before the first call.
    public internal(set) var latestTime: Double?
    /// The id the next new track gets.
    var nextID = 1

    /// A tracker with the default options.
    public init() {
        options = TrackerOptions()
    }

    public init(options: TrackerOptions) throws(TrackerOptionsError) {
        try options.validate()
        self.options = options
    }

    /// The live track with this id, if any.
    public func track(id: Int) -> TrackedFace? {
        tracks.first { $0.id == id }
    }

    /// Moves every live track's motion filter on to `time` and returns where each track's face is expected then.
    public mutating func predict(to time: Double) -> [TrackPrediction] {
        advance(to: time)
        return tracks.map { TrackPrediction(id: $0.id, state: $0.state, box: $0.box) }
    }

    /// Takes the faces of a full detection at `time`: each continues the live track whose predicted box it
    /// overlaps best (the assignment with the largest total IoU, pairs below `iouThreshold` excluded) or starts a
    /// tentative track; tracks that no face continues miss.
    public mutating func associate(_ detections: [DetectedFace], at time: Double) -> TrackerUpdate {
        let now = advance(to: time)
        var update = TrackerUpdate(time: now)
        let matching = OverlapMatching(
            trackBoxes: tracks.map(\.box), detectionBoxes: detections.map(\.box), minimumIoU: options.iouThreshold)

        var trackIDsByDetection = [Int](repeating: 0, count: detections.count)
        for pair in matching.pairs {
            trackIDsByDetection[pair.detection] = tracks[pair.track].id
            observe(detections[pair.detection], trackIndex: pair.track, at: now, into: &update)
        }
        for trackIndex in matching.unmatchedTracks {
            miss(trackIndex: trackIndex, into: &update)
        }
        retireTracks(at: now, into: &update)
        for detectionIndex in matching.unmatchedDetections {
            trackIDsByDetection[detectionIndex] = startTrack(detections[detectionIndex], at: now, into: &update)
        }
        update.trackIDsByDetection = trackIDsByDetection
        return update
    }

    /// Takes the refined observations made at `time` between full detections: for each listed track id, the face
    /// found in its predicted region, or nil when none was (a miss, exactly as in `associate`). Tracks not listed
    /// are left as they are, except that lost ones still end once they have been lost too long.
    public mutating func refine(_ results: [Int: DetectedFace?], at time: Double) -> TrackerUpdate {
        let now = advance(to: time)
        var update = TrackerUpdate(time: now)
        for id in results.keys.sorted() {
            guard let trackIndex = tracks.firstIndex(where: { $0.id == id }) else {
                update.ignoredTrackIDs.append(id)
                continue
            }
            if let found = results[id], let observation = found {
                observe(observation, trackIndex: trackIndex, at: now, into: &update)
            } else {
                miss(trackIndex: trackIndex, into: &update)
            }
        }
        retireTracks(at: now, into: &update)
        return update
    }

    /// Ends every live track, as at the end of the stream or at shutdown: confirmed and lost ones are reported in
    /// `ended`, tentative ones in `dropped`.
    public mutating func endAll(at time: Double) -> TrackerUpdate {
        let now = advance(to: time)
        var update = TrackerUpdate(time: now)
        for var track in tracks {
            let wasTentative = track.state == .tentative
            track.state = .ended
            if wasTentative {
                update.dropped.append(track)
            } else {
                update.ended.append(track)
            }
        }
        tracks.removeAll()
        return update
    }
}
