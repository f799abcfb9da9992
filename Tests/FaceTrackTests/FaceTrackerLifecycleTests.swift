import FaceTrack
import FaceVision
import Testing

@Suite struct FaceTrackerLifecycleTests {
    private let face = FaceFixtures.face(x: 200, y: 150)

    /// Tentative for the first two observations, confirmed (and started, once) at the third.
    @Test func confirmsAfterConfirmHitsObservations() throws {
        var tracker = FaceTracker()
        var startedAt: [Int] = []
        for frame in 0..<6 {
            let update = tracker.associate([face], at: FaceFixtures.time(ofFrame: frame))
            #expect(update.trackIDsByDetection == [1])
            #expect(update.created == (frame == 0 ? [1] : []))
            if !update.started.isEmpty { startedAt.append(frame) }
            let track = try #require(tracker.track(id: 1))
            #expect(track.state == (frame + 1 >= tracker.options.confirmHits ? .confirmed : .tentative))
            #expect(track.framesSeen == frame + 1)
        }
        #expect(startedAt == [tracker.options.confirmHits - 1])
    }

    @Test func confirmHitsOfOneStartsATrackAtOnce() throws {
        var tracker = try FaceTracker(options: TrackerOptions(confirmHits: 1))
        let update = tracker.associate([face], at: 0)
        #expect(update.created == [1])
        #expect(update.started.map(\.id) == [1])
        #expect(update.started.first?.state == .confirmed)
    }

    /// Seen in frames 0–9, then never again: lost at frame 10, live while less than `maxLostSeconds` has passed
    /// since frame 9, ended (with its duration and frame count) at the first frame when it has.
    @Test func aVanishedFaceEndsAfterMaxLostSecondsAndNotBefore() throws {
        var tracker = FaceTracker()
        for frame in 0...9 {
            _ = tracker.associate([face], at: FaceFixtures.time(ofFrame: frame))
        }
        let lastSeen = FaceFixtures.time(ofFrame: 9)
        var endedAt: Int?
        for frame in 10...60 where endedAt == nil {
            let time = FaceFixtures.time(ofFrame: frame)
            let update = tracker.associate([], at: time)
            #expect(update.lost == (frame == 10 ? [1] : []))
            if time - lastSeen < tracker.options.maxLostSeconds {
                #expect(update.ended.isEmpty)
                #expect(tracker.track(id: 1)?.state == .lost)
            } else {
                endedAt = frame
                let ended = try #require(update.ended.first)
                #expect(update.ended.count == 1)
                #expect(ended.id == 1)
                #expect(ended.state == .ended)
                #expect(ended.framesSeen == 10)
                #expect(ended.lastSeen == lastSeen)
                #expect(ended.duration == lastSeen - FaceFixtures.time(ofFrame: 0))
                #expect(tracker.tracks.isEmpty)
            }
        }
        #expect(endedAt == 39)
    }

    /// A detection in one frame only becomes a tentative track that is dropped the next frame: never started, never
    /// ended, and the real face beside it is unaffected.
    @Test func aSingleFrameFalseDetectionIsNeverReported() {
        var tracker = FaceTracker()
        let ghost = FaceFixtures.face(x: 500, y: 300, score: 0.7)
        var updates: [TrackerUpdate] = []
        for frame in 0..<20 {
            let detections = frame == 5 ? [ghost, face] : [face]
            updates.append(tracker.associate(detections, at: FaceFixtures.time(ofFrame: frame)))
        }
        #expect(updates[5].trackIDsByDetection == [2, 1])
        #expect(updates[5].created == [2])
        #expect(updates[6].dropped.map(\.id) == [2])
        #expect(updates[6].dropped.first?.state == .ended)
        #expect(updates.flatMap(\.started).map(\.id) == [1])
        #expect(updates.flatMap(\.ended).isEmpty)
        #expect(updates.flatMap(\.dropped).map(\.id) == [2])
        #expect(updates.allSatisfy { $0.lost.isEmpty })
        #expect(tracker.tracks.map(\.id) == [1])
    }

    /// A face walking right at 60 px/s, hidden for half a second: it reappears where the track predicted it and
    /// keeps its id, without a second start or any end.
    @Test func reappearingWithinMaxLostSecondsKeepsTheId() {
        var tracker = FaceTracker()
        func walker(at frame: Int) -> DetectedFace { FaceFixtures.face(x: 100 + 2 * Double(frame), y: 150) }
        var updates: [Int: TrackerUpdate] = [:]
        for frame in 0..<60 {
            let hidden = (15..<30).contains(frame)
            updates[frame] = tracker.associate(hidden ? [] : [walker(at: frame)], at: FaceFixtures.time(ofFrame: frame))
        }
        #expect(updates[15]?.lost == [1])
        #expect(updates[30]?.trackIDsByDetection == [1])
        #expect(updates[30]?.recovered == [1])
        #expect(updates[30]?.created == [])
        #expect(updates.values.flatMap(\.started).map(\.id) == [1])
        #expect(updates.values.allSatisfy { $0.ended.isEmpty })
        #expect(tracker.track(id: 1)?.state == .confirmed)
        #expect(tracker.track(id: 1)?.framesSeen == 45)
    }

    /// Faces come and go (confirmed ones ending, false ones dropped); every id handed out is new and they increase.
    @Test func idsAreNeverReused() {
        var tracker = FaceTracker()
        var created: [Int] = []
        var generator = SeededGenerator(seed: 5)
        for frame in 0..<300 {
            // A steady face that leaves for 1.5 s every 3 s, plus now and then a one-frame ghost somewhere else.
            var detections: [DetectedFace] = []
            if frame % 90 < 45 { detections.append(face) }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                detections.append(
                    FaceFixtures.face(
                        x: Double.random(in: 400...1200, using: &generator),
                        y: Double.random(in: 300...700, using: &generator)))
            }
            created += tracker.associate(detections, at: FaceFixtures.time(ofFrame: frame)).created
        }
        #expect(created.count > 20)
        #expect(created == Array(1...created.count))
    }

    /// The same face hidden for longer than `maxLostSeconds` comes back as a new track.
    @Test func reappearingAfterMaxLostSecondsGetsANewId() {
        var tracker = FaceTracker()
        var ended: [Int] = []
        var started: [Int] = []
        for frame in 0..<100 {
            let hidden = (10..<55).contains(frame)
            let update = tracker.associate(hidden ? [] : [face], at: FaceFixtures.time(ofFrame: frame))
            ended += update.ended.map(\.id)
            started += update.started.map(\.id)
        }
        #expect(ended == [1])
        #expect(started == [1, 2])
        #expect(tracker.tracks.map(\.id) == [2])
    }

    /// Shutdown: confirmed and lost tracks are ended and reported, tentative ones dropped; later ids stay new.
    @Test func endAllEndsEveryTrack() {
        var tracker = FaceTracker()
        let left = FaceFixtures.face(x: 100, y: 100)
        let right = FaceFixtures.face(x: 400, y: 100)
        let late = FaceFixtures.face(x: 700, y: 100)
        for frame in 0..<5 {
            _ = tracker.associate([left, right], at: FaceFixtures.time(ofFrame: frame))
        }
        _ = tracker.associate([left, late], at: FaceFixtures.time(ofFrame: 5))
        #expect(tracker.tracks.map(\.state) == [.confirmed, .lost, .tentative])

        let update = tracker.endAll(at: FaceFixtures.time(ofFrame: 6))
        #expect(update.ended.map(\.id) == [1, 2])
        #expect(update.ended.map(\.framesSeen) == [6, 5])
        #expect(update.ended.allSatisfy { $0.state == .ended })
        #expect(update.dropped.map(\.id) == [3])
        #expect(tracker.tracks.isEmpty)
        #expect(tracker.associate([left], at: FaceFixtures.time(ofFrame: 7)).created == [4])
    }

    /// With timestamps stalled, `maxLostUpdates` still ends a lost track.
    @Test func maxLostUpdatesEndsATrackWhenTimeStalls() throws {
        var tracker = try FaceTracker(options: TrackerOptions(maxLostUpdates: 3))
        for frame in 0..<3 {
            _ = tracker.associate([face], at: FaceFixtures.time(ofFrame: frame))
        }
        let stalled = FaceFixtures.time(ofFrame: 3)
        let endedCounts = (0..<4).map { _ in tracker.associate([], at: stalled).ended.count }
        #expect(endedCounts == [0, 0, 1, 0])
    }

    /// An earlier time is taken as the latest: the track does not move back, and its last-seen time stays put.
    @Test func timeNeverRunsBackwards() throws {
        var tracker = FaceTracker()
        _ = tracker.associate([face], at: 5)
        let update = tracker.associate([face], at: 4)
        #expect(update.time == 5)
        #expect(tracker.latestTime == 5)
        let track = try #require(tracker.track(id: 1))
        #expect(track.lastSeen == 5)
        #expect(track.duration == 0)
    }
}
