import FaceTrack
import FaceVision
import Testing

@Suite struct OverlapMatchingTests {
    /// The largest total IoU over every set of disjoint track–detection pairs whose IoU is at least `minimumIoU`.
    static func bruteForceBestTotal(tracks: [Box], detections: [Box], minimumIoU: Double) -> Double {
        var best = 0.0
        var used = [Bool](repeating: false, count: detections.count)
        func extend(track: Int, total: Double) {
            guard track < tracks.count else {
                best = max(best, total)
                return
            }
            extend(track: track + 1, total: total)
            for detection in detections.indices where !used[detection] {
                let overlap = tracks[track].intersectionOverUnion(detections[detection])
                guard overlap >= minimumIoU else { continue }
                used[detection] = true
                extend(track: track + 1, total: total + overlap)
                used[detection] = false
            }
        }
        extend(track: 0, total: 0)
        return best
    }

    static func randomBox(using generator: inout SeededGenerator) -> Box {
        let size = Double.random(in: 40...80, using: &generator)
        return Box(
            x: Double.random(in: 0...60, using: &generator), y: Double.random(in: 0...60, using: &generator),
            width: size, height: size * Double.random(in: 0.8...1.25, using: &generator))
    }

    /// Crowded random boxes, so that tracks often compete for detections: the chosen pairs are allowed,
    /// disjoint, account for every index, and reach the largest total IoU that any choice reaches.
    @Test func matchesBruteForceOnCrowdedBoxes() {
        var generator = SeededGenerator(seed: 3)
        var ambiguousCases = 0
        for trial in 0..<300 {
            let tracks = (0..<(trial % 5)).map { _ in Self.randomBox(using: &generator) }
            let detections = (0..<((trial / 5) % 6)).map { _ in Self.randomBox(using: &generator) }
            let matching = OverlapMatching(trackBoxes: tracks, detectionBoxes: detections, minimumIoU: 0.3)

            let overlaps = matching.pairs.map { tracks[$0.track].intersectionOverUnion(detections[$0.detection]) }
            #expect(overlaps.allSatisfy { $0 >= 0.3 })
            #expect(Set(matching.pairs.map(\.track)).count == matching.pairs.count)
            #expect(Set(matching.pairs.map(\.detection)).count == matching.pairs.count)
            #expect((matching.pairs.map(\.track) + matching.unmatchedTracks).sorted() == Array(tracks.indices))
            #expect(
                (matching.pairs.map(\.detection) + matching.unmatchedDetections).sorted() == Array(detections.indices))
            let best = Self.bruteForceBestTotal(tracks: tracks, detections: detections, minimumIoU: 0.3)
            #expect(abs(overlaps.reduce(0, +) - best) < 1e-9)

            let choicesPerTrack = tracks.map { track in
                detections.filter { track.intersectionOverUnion($0) >= 0.3 }.count
            }
            if choicesPerTrack.filter({ $0 >= 2 }).count >= 2 { ambiguousCases += 1 }
        }
        #expect(ambiguousCases > 30)
    }

    /// Track A overlaps detection 1 by 0.90 and detection 2 by 0.35; track B overlaps only detection 1, by 0.38.
    /// A + 1 (0.90) beats A + 2 and B + 1 (0.73): the total IoU counts, not the number of pairs.
    @Test func prefersTheLargerTotalOverlapToMorePairs() {
        let trackA = Box(x: 0, y: 0, width: 100, height: 100)
        let trackB = Box(x: -40, y: 0, width: 100, height: 100)
        let detection1 = Box(x: 5, y: 0, width: 100, height: 100)
        let detection2 = Box(x: 48, y: 0, width: 100, height: 100)
        #expect(trackA.intersectionOverUnion(detection2) >= 0.3)
        #expect(trackB.intersectionOverUnion(detection1) >= 0.3)
        #expect(trackB.intersectionOverUnion(detection2) < 0.3)
        let matching = OverlapMatching(
            trackBoxes: [trackA, trackB], detectionBoxes: [detection2, detection1], minimumIoU: 0.3)
        #expect(matching.pairs == [OverlapMatching.Pair(track: 0, detection: 1)])
        #expect(matching.unmatchedTracks == [1])
        #expect(matching.unmatchedDetections == [0])
    }

    @Test func noTracksOrNoDetections() {
        let box = Box(x: 0, y: 0, width: 10, height: 10)
        let noTracks = OverlapMatching(trackBoxes: [], detectionBoxes: [box, box], minimumIoU: 0.3)
        #expect(noTracks.pairs.isEmpty)
        #expect(noTracks.unmatchedDetections == [0, 1])
        let noDetections = OverlapMatching(trackBoxes: [box], detectionBoxes: [], minimumIoU: 0.3)
        #expect(noDetections.unmatchedTracks == [0])
    }
}
