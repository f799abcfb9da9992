import FaceTrack
import Testing

@Suite struct TrackerOptionsTests {
    @Test func defaultsAreValid() throws {
        let options = TrackerOptions()
        try options.validate()
        #expect(options.iouThreshold == 0.3)
        #expect(options.confirmHits == 3)
        #expect(options.maxLostSeconds == 1.0)
        #expect(options.maxLostUpdates == nil)
    }

    @Test(arguments: [
        (TrackerOptions(iouThreshold: 0), TrackerOptionsError.iouThresholdOutOfRange(0), "tracking.iou_threshold"),
        (TrackerOptions(iouThreshold: 1.5), .iouThresholdOutOfRange(1.5), "tracking.iou_threshold"),
        (TrackerOptions(confirmHits: 0), .confirmHitsBelowOne(0), "tracking.confirm_hits"),
        (TrackerOptions(maxLostSeconds: -1), .maxLostSecondsOutOfRange(-1), "tracking.max_lost_seconds"),
        (TrackerOptions(maxLostSeconds: .infinity), .maxLostSecondsOutOfRange(.infinity), "tracking.max_lost_seconds"),
        (TrackerOptions(maxLostUpdates: 0), .maxLostUpdatesBelowOne(0), "tracking.max_lost_updates"),
        (TrackerOptions(motionNoise: BoxMotionNoise(sizeAcceleration: -0.1)),
         .motionNoiseNotPositive(name: "size_acceleration", value: -0.1), "tracking.size_acceleration"),
    ])
    func invalidSettingsAreNamed(options: TrackerOptions, expected: TrackerOptionsError, key: String) {
        #expect(throws: expected) { try options.validate() }
        #expect(throws: expected) { try FaceTracker(options: options) }
        #expect(expected.description.hasPrefix(key + ": "))
        #expect(!expected.description.contains("\n"))
    }

    @Test func notANumberIsRejected() {
        #expect(throws: TrackerOptionsError.self) { try TrackerOptions(iouThreshold: .nan).validate() }
        #expect(throws: TrackerOptionsError.self) { try TrackerOptions(maxLostSeconds: .nan).validate() }
    }
}
