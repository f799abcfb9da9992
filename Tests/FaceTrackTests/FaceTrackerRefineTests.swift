import FaceTrack
import FaceVision
import Testing

@Suite struct FaceTrackerRefineTests {
    private let face = FaceFixtures.face(x: 200, y: 150)

    private func confirmedTracker() -> FaceTracker {
        var tracker = FaceTracker()
        for frame in 0..<3 {
            _ = tracker.associate([face], at: FaceFixtures.time(ofFrame: frame))
        }
        return tracker
    }

    /// A nil refinement is a miss: the confirmed track is lost and recovers when the next
    /// refinement finds the face.
    @Test func nilRefinementCountsAsAMiss() throws {
        var tracker = confirmedTracker()
        let predictions = tracker.predict(to: FaceFixtures.time(ofFrame: 3))
        #expect(predictions.map(\.id) == [1])

        let missed = tracker.refine([1: nil], at: FaceFixtures.time(ofFrame: 3))
        #expect(missed.lost == [1])
        #expect(try #require(tracker.track(id: 1)).missStreak == 1)

        let found = tracker.refine([1: face], at: FaceFixtures.time(ofFrame: 4))
        #expect(found.recovered == [1])
        #expect(found.lost.isEmpty)
        let track = try #require(tracker.track(id: 1))
        #expect(track.state == .confirmed)
        #expect(track.framesSeen == 4)
        #expect(track.lastSeen == FaceFixtures.time(ofFrame: 4))
    }

    /// A tentative track whose refinement finds nothing is dropped at once.
    @Test func nilRefinementDropsATentativeTrack() {
        var tracker = confirmedTracker()
        let newcomer = FaceFixtures.face(x: 600, y: 150)
        let update = tracker.associate([face, newcomer], at: FaceFixtures.time(ofFrame: 3))
        #expect(update.trackIDsByDetection == [1, 2])

        let refined = tracker.refine([1: face, 2: nil], at: FaceFixtures.time(ofFrame: 4))
        #expect(refined.dropped.map(\.id) == [2])
        #expect(refined.ended.isEmpty)
        #expect(refined.lost.isEmpty)
        #expect(tracker.tracks.map(\.id) == [1])
    }

    /// The refined observation replaces the reported landmarks and score, and moves the track's box.
    @Test func refinementUpdatesTheTrack() throws {
        var tracker = confirmedTracker()
        let moved = FaceFixtures.face(x: 206, y: 152, score: 0.91)
        _ = tracker.refine([1: moved], at: FaceFixtures.time(ofFrame: 3))
        let track = try #require(tracker.track(id: 1))
        #expect(track.lastObservation == moved)
        #expect(track.landmarks == moved.landmarks)
        #expect(track.score == 0.91)
        let centre = FaceFixtures.centre(of: track.box)
        #expect(centre.x > 200 && centre.x <= 206)
    }

    @Test func unknownIdsAreIgnored() {
        var tracker = confirmedTracker()
        let update = tracker.refine([7: face, 1: face, 0: nil], at: FaceFixtures.time(ofFrame: 3))
        #expect(update.ignoredTrackIDs == [0, 7])
        #expect(tracker.track(id: 1)?.framesSeen == 4)
    }

    /// A lost track that the pipeline stops refining still ends once `maxLostSeconds` has passed.
    @Test func unlistedLostTrackStillEnds() {
        var tracker = confirmedTracker()
        _ = tracker.refine([1: nil], at: FaceFixtures.time(ofFrame: 3))
        let lastSeen = FaceFixtures.time(ofFrame: 2)
        let early = tracker.refine([:], at: lastSeen + tracker.options.maxLostSeconds / 2)
        #expect(early.ended.isEmpty)
        let late = tracker.refine([:], at: lastSeen + tracker.options.maxLostSeconds)
        #expect(late.ended.map(\.id) == [1])
    }

    /// Predictions follow the estimated motion: a face walking right at 60 px/s is predicted half a second on to
    /// within a few pixels of where it then is.
    @Test func predictionsFollowTheMotion() throws {
        var tracker = FaceTracker()
        for frame in 0..<15 {
            let walker = FaceFixtures.face(x: 100 + 2 * Double(frame), y: 150)
            _ = tracker.associate([walker], at: FaceFixtures.time(ofFrame: frame))
        }
        let prediction = try #require(tracker.predict(to: FaceFixtures.time(ofFrame: 29)).first)
        #expect(prediction.state == .confirmed)
        let centre = FaceFixtures.centre(of: prediction.box)
        #expect(abs(centre.x - (100 + 2 * 29)) < 3)
        #expect(abs(centre.y - 150) < 1)
    }
}
