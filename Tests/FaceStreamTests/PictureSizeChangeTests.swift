import FaceIdentity
import FaceMedia
import FaceStream
import FaceVision
import Testing

/// A stream whose pictures change size part-way (a camera reconfigured, a recording spliced from two sizes).
@Suite(.enabled(if: StreamFixtures.ready, "needs the ffmpeg command, the models and skimage's astronaut.png"))
struct PictureSizeChangeTests {
    /// When the picture changes size mid-stream, every track ends at the last frame of the old size and new ones
    /// start, even for a face that stays where it was (the left one, when the picture is cut to its left half).
    @Test func aPictureThatChangesSizeStartsTracksAfresh() throws {
        let fixtures = try StreamFixtures.shared.get()
        let wide = try AnalysisLoadTests.twoFaces()
        let narrow = wide.cropped(x: 0, y: 0, width: wide.width / 2, height: wide.height)
        let models = RecognitionModels(detector: fixtures.detector, embedder: fixtures.embedder, index: DescriptorIndex(embedder: .dlibResNet))
        var settings = AnalysisSettings()
        settings.detection.minimumFaceSize = 40
        let events = StreamFixtures.Collected()
        let analyzer = try StreamAnalyzer(stream: "resized", settings: settings, models: models) { events.add($0) }
        for index in 0..<12 {
            let image = index < 6 ? wide : narrow
            try analyzer.analyse(VideoFrame(image: image, pts: Double(index) / 25, index: index, sourceWidth: image.width, sourceHeight: image.height))
        }
        analyzer.finish()

        let starts = events.events.compactMap { if case .trackStart(let track, let pts, _) = $0.kind { (track, pts) } else { nil } }
        let ends = events.events.compactMap { if case .trackEnd(let track, let pts, _, _, _) = $0.kind { (track, pts) } else { nil } }
        let before = Set(starts.filter { $0.1 < 6.0 / 25 }.map(\.0)), after = Set(starts.filter { $0.1 >= 6.0 / 25 }.map(\.0))
        #expect(before.count == 2, "\(starts)")
        #expect(after.count == 1, "\(starts)")
        #expect(before.isDisjoint(with: after))
        for track in before {
            #expect(ends.first { $0.0 == track }?.1 == 5.0 / 25, "track \(track) ended at \(String(describing: ends.first { $0.0 == track }))")
        }
    }
}
