import FaceVision

/// Which detected boxes continue which tracks: pairs of a track's predicted box and a detected box that overlap by
/// at least a minimum IoU, chosen so that the total IoU of the pairs is as large as possible.
///
/// Built on `minimumCostAssignment` with cost 1 − IoU for a pair that may match and 1 (the cost of two boxes that
/// do not overlap at all) for one that may not. A full assignment then costs its number of pairs minus the total
/// IoU of its allowed pairs, so the cheapest one is the one with the largest total IoU; its disallowed pairs are
/// left unmatched.
public struct OverlapMatching: Sendable, Equatable {
    /// A track (by its index among the track boxes) continued by a detection (by its index among the detections).
    public struct Pair: Sendable, Equatable, Hashable {
        public var track: Int
        public var detection: Int

        public init(track: Int, detection: Int) {
            self.track = track
            self.detection = detection
        }
    }

    /// Ordered by track index.
    public let pairs: [Pair]
    /// Indices of the tracks no detection continues, ascending.
    public let unmatchedTracks: [Int]
    /// Indices of the detections that continue no track, ascending.
    public let unmatchedDetections: [Int]

    /// - Parameter minimumIoU: the smallest IoU a pair may have, greater than 0 and at most 1.
    public init(trackBoxes: [Box], detectionBoxes: [Box], minimumIoU: Double) {
        precondition(minimumIoU > 0 && minimumIoU <= 1, "minimum IoU \(minimumIoU) is not in (0, 1]")
        let overlaps = trackBoxes.map { track in detectionBoxes.map { track.intersectionOverUnion($0) } }
        let costs = overlaps.map { row in row.map { $0 >= minimumIoU ? 1 - $0 : 1 } }
        let assignment = minimumCostAssignment(costs)

        var pairs: [Pair] = []
        var unmatchedTracks: [Int] = []
        var detectionIsMatched = [Bool](repeating: false, count: detectionBoxes.count)
        for (track, assigned) in assignment.enumerated() {
            if let detection = assigned, overlaps[track][detection] >= minimumIoU {
                pairs.append(Pair(track: track, detection: detection))
                detectionIsMatched[detection] = true
            } else {
                unmatchedTracks.append(track)
            }
        }
        self.pairs = pairs
        self.unmatchedTracks = unmatchedTracks
        unmatchedDetections = detectionIsMatched.indices.filter { !detectionIsMatched[$0] }
    }
}
