import FaceEvents
import FaceIdentity
import FaceMedia
import FaceStream
import FaceVision
import Foundation
import Testing

/// The whole pipeline, with the real models, over a clip the ffmpeg command makes from a photo: the camera pans
/// and zooms over skimage's astronaut (Eileen Collins).
@Suite(.enabled(if: StreamFixtures.ready, "needs the ffmpeg command, the models and skimage's astronaut.png"))
struct StreamSessionTests {
    @Test func anEnrolledFaceIsTrackedAndNamed() throws {
        let fixtures = try StreamFixtures.shared.get()
        let events = try fixtures.run(galleryPerson: "Eileen Collins")
        let types = events.map(\.typeName)
        #expect(types.first == "stream.up")
        #expect(types.last == "stream.down")
        if case .streamDown(let reason, let retryIn) = events.last?.kind {
            #expect(reason == FaceEvent.endOfFileReason && retryIn == nil)
        }
        let starts = events.compactMap { if case .trackStart(let track, _, _) = $0.kind { track } else { nil } }
        #expect(starts.count == 1, "one face, one track: \(types)")
        let named = events.compactMap { if case .identity(let track, let identity, let distance, _, _) = $0.kind { (track, identity, distance) } else { nil } }
        #expect(named.count == 1)
        #expect(named.first?.0 == starts.first && named.first?.1 == "Eileen Collins")
        #expect((named.first?.2 ?? 1) < 0.6)
        let ends = events.compactMap { if case .trackEnd(let track, _, let identity, let duration, let frames) = $0.kind { (track, identity, duration, frames) } else { nil } }
        #expect(ends.count == 1)
        #expect(ends.first?.0 == starts.first && ends.first?.1 == "Eileen Collins")
        #expect((ends.first?.2 ?? 0) > 1.2 && (ends.first?.3 ?? 0) > 35)
        // The face box is reported in the clip's own pixels, inside the frame.
        for event in events {
            guard case .identity(_, _, _, _, let box) = event.kind else { continue }
            #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 320 && box.y + box.height <= 320)
            #expect(box.width > 40)
        }
    }

    @Test func withNobodyEnrolledTheFaceIsUnknown() throws {
        let fixtures = try StreamFixtures.shared.get()
        let events = try fixtures.run(galleryPerson: nil)
        let identities = events.compactMap { if case .identity(_, let identity, _, _, _) = $0.kind { identity } else { nil } }
        #expect(identities == [FaceEvent.unknownIdentity])
    }

    @Test func aDownscaledAnalysisReportsFullResolutionBoxes() throws {
        let fixtures = try StreamFixtures.shared.get()
        let full = try fixtures.run(galleryPerson: "Eileen Collins")
        let half = try fixtures.run(galleryPerson: "Eileen Collins", analysisWidth: 160)
        func firstBox(_ events: [FaceEvent]) -> FaceEvent.Box? {
            for event in events { if case .trackStart(_, _, let box) = event.kind { return box } }
            return nil
        }
        let a = try #require(firstBox(full)), b = try #require(firstBox(half))
        // Same face, found at half resolution: the boxes agree to a few source pixels.
        #expect(abs(a.x - b.x) < 8 && abs(a.y - b.y) < 8 && abs(a.width - b.width) < 10)
        #expect(half.contains { if case .identity(_, "Eileen Collins", _, _, _) = $0.kind { true } else { false } })
    }
}

/// A clip, the models and a gallery for the pipeline tests.
struct StreamFixtures {
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
    static let ffmpeg = "/usr/bin/ffmpeg"
    static var modelsDirectory: String {
        if let env = ProcessInfo.processInfo.environment["FACEWATCH_MODELS"], !env.isEmpty { return env }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models").path
    }
    static var ready: Bool {
        let files = FileManager.default
        return files.isExecutableFile(atPath: ffmpeg) && files.fileExists(atPath: astronaut)
            && files.fileExists(atPath: modelsDirectory + "/pnet.onnx")
            && files.fileExists(atPath: modelsDirectory + "/" + DlibFaceEmbedder.modelFile)
    }

    /// Made once for all the tests of a run (the models take a while to load in a debug build).
    static let shared = Result { try StreamFixtures() }

    let directory: URL
    let clip: String
    let detector: MTCNNDetector
    let embedder: DlibFaceEmbedder

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clip = directory.appendingPathComponent("pan.mp4").path
        // 2 s at 25 fps: a 320×320 window zooming in slowly on the 512×512 portrait.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ffmpeg)
        process.arguments = [
            "-nostdin", "-v", "error", "-y", "-loop", "1", "-framerate", "25", "-i", Self.astronaut, "-t", "2",
            "-vf", "zoompan=z='1.6+0.004*on':x='iw/2-iw/zoom/2':y='ih/4-ih/zoom/4':d=1:s=320x320:fps=25,format=yuv420p",
            "-c:v", "libx264", "-g", "25", clip,
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        detector = try MTCNNDetector(modelsDirectory: Self.modelsDirectory)
        embedder = try DlibFaceEmbedder(modelsDirectory: Self.modelsDirectory)
    }

    /// Runs one file stream through the pipeline; returns the events in publication order.
    func run(galleryPerson: String?, analysisWidth: Int = 0) throws -> [FaceEvent] {
        var index = DescriptorIndex(embedder: .dlibResNet)
        if let galleryPerson {
            let photo = try ImageFile.decode(path: Self.astronaut)
            let face = try #require(try detector.detect(photo).first)
            index.append(try embedder.descriptors(of: [face], in: photo)[0], person: galleryPerson)
        }
        let models = RecognitionModels(detector: detector, embedder: embedder, index: index)
        var spec = StreamSpec(name: "pan", location: .file(path: clip))
        spec.input = VideoInputOptions(analysisWidth: analysisWidth, keepsFullResolution: true)
        spec.analysis.detectEvery = 5
        spec.analysis.detection.minimumFaceSize = 40
        let collected = Collected()
        let service = WatchService(streams: [spec], models: models, workers: 2, publish: { collected.add($0) }, diagnostics: { Issue.record("diagnostic: \($0)") })
        try service.run()
        return collected.events
    }

    /// Events gathered from the pipeline's threads.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [FaceEvent] = []
        func add(_ event: FaceEvent) { lock.lock(); list.append(event); lock.unlock() }
        var events: [FaceEvent] { lock.lock(); defer { lock.unlock() }; return list }
    }
}
