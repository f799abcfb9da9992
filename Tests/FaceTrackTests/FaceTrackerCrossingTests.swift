import FaceTrack
import FaceVision
import Testing

@Suite struct FaceTrackerCrossingTests {
    /// Two faces walk towards each other at 300 px/s, 10 px apart vertically, and cross; a full detection runs
    /// every third frame of a 30 fps stream (every 0.1 s, 30 px of motion), with only predictions in between.
    struct Crossing {
        static let detectionInterval = 0.1

        static func leftWalker(at time: Double) -> DetectedFace { FaceFixtures.face(x: 100 + 300 * time, y: 200) }
        static func rightWalker(at time: Double) -> DetectedFace { FaceFixtures.face(x: 715 - 300 * time, y: 210) }
        static func detectionTime(_ index: Int) -> Double { Double(index) * detectionInterval }
    }

    @Test func crossingFacesKeepTheirIds() throws {
        var tracker = FaceTracker()
        var idsOfLeftWalker: Set<Int> = []
        var idsOfRightWalker: Set<Int> = []
        var created: [Int] = []
        for frame in 0..<60 {
            let time = FaceFixtures.time(ofFrame: frame)
            _ = tracker.predict(to: time)
            guard frame.isMultiple(of: 3) else { continue }
            let left = Crossing.leftWalker(at: time)
            let right = Crossing.rightWalker(at: time)
            let leftFirst = (frame / 3).isMultiple(of: 2)
            let update = tracker.associate(leftFirst ? [left, right] : [right, left], at: time)
            created += update.created
            idsOfLeftWalker.insert(update.trackIDsByDetection[leftFirst ? 0 : 1])
            idsOfRightWalker.insert(update.trackIDsByDetection[leftFirst ? 1 : 0])
            #expect(update.ended.isEmpty && update.dropped.isEmpty && update.lost.isEmpty)
        }
        #expect(created == [1, 2])
        #expect(idsOfLeftWalker.count == 1)
        #expect(idsOfRightWalker.count == 1)
        #expect(idsOfLeftWalker != idsOfRightWalker)
        #expect(tracker.tracks.map(\.state) == [.confirmed, .confirmed])
        let leftID = try #require(idsOfLeftWalker.first)
        let leftTrack = try #require(tracker.track(id: leftID))
        let leftCentre = FaceFixtures.centre(of: leftTrack.box)
        #expect(leftCentre.x > 400)
    }

    /// The scenario is hard enough to need the motion model: matching each detection to the previous detection's
    /// box, without prediction, swaps the two faces at least once.
    @Test func matchingWithoutMotionWouldSwapTheFaces() {
        var swaps = 0
        for index in 1..<20 {
            let before = [Crossing.leftWalker(at: Crossing.detectionTime(index - 1)).box,
                          Crossing.rightWalker(at: Crossing.detectionTime(index - 1)).box]
            let now = [Crossing.leftWalker(at: Crossing.detectionTime(index)).box,
                       Crossing.rightWalker(at: Crossing.detectionTime(index)).box]
            let matching = OverlapMatching(trackBoxes: before, detectionBoxes: now, minimumIoU: 0.3)
            if matching.pairs.contains(OverlapMatching.Pair(track: 0, detection: 1)) { swaps += 1 }
        }
        #expect(swaps > 0)
    }
}
