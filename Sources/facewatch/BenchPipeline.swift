import ArgumentParser
import FaceEvents
import FaceIdentity
import FaceMedia
import FaceStream
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch bench pipeline`: frames per second through decoding alone, or through the whole daemon pipeline
/// (decode → detect/track → embed → match → events), on one video file; one JSON line.
struct BenchPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Time the daemon's pipeline (or decoding alone) on a video file.",
        discussion: """
            Prints one JSON line: frames, seconds, fps, frame-to-event latency p50/p99 (from a frame's decoding to \
            the end of its analysis), peak resident memory of the process, and what the analysis did. The file is \
            read as fast as the pipeline goes (a file never drops frames). scripts/bench-pipeline runs the table.
            """)

    @Argument(help: "A video file.")
    var video: String

    @Flag(help: "Decode and convert to RGB only; no analysis.")
    var decodeOnly = false

    @Option(help: "Run the full detector every N frames.")
    var detectEvery: Int = 5

    @Option(help: "Scale frames to this width for analysis (0: full resolution).")
    var detectWidth: Int = 0

    @OptionGroup var detection: DetectionOptions

    @Option(name: .customLong("gallery"), help: "A gallery to match against (default: none, every face unknown).")
    var gallery: String?

    @Option(help: "Analysis workers.")
    var workers: Int = 1

    func run() throws {
        BLAS.setThreadCount(1)
        let location = MediaLocation.file(path: video)
        let options = VideoInputOptions(analysisWidth: detectWidth, keepsFullResolution: true)
        var started = AnalysisCounts.now()
        var fields: [(String, String)] = [("video", JSONText.string(video)), ("mode", JSONText.string(decodeOnly ? "decode" : "pipeline"))]
        if decodeOnly {
            let input = try VideoInput(location: location, options: options)
            var frames = 0
            while try input.nextFrame() != nil { frames += 1 }
            let seconds = AnalysisCounts.now() - started
            fields += [("frames", "\(frames)"), ("seconds", JSONText.number(seconds, decimals: 3)),
                       ("fps", JSONText.number(Double(frames) / seconds, decimals: 2))]
        } else {
            let embedder = try DlibFaceEmbedder(modelsDirectory: ModelsLocation.resolve(detection.modelsDirectory))
            var index = DescriptorIndex(embedder: .dlibResNet)
            if let gallery { index = try Gallery(existingAt: gallery).loadIndex() }
            let models = RecognitionModels(detector: try detection.loadDetector(), embedder: embedder, index: index)
            var spec = StreamSpec(name: "bench", location: location)
            spec.input = options
            spec.analysis.detectEvery = detectEvery
            spec.analysis.detection = try detection.mtcnnOptions()
            let events = EventCounter()
            let service = WatchService(streams: [spec], models: models, workers: workers, publish: { events.count($0) }, diagnostics: { printError($0) })
            // Timed from here, as decoding alone is timed from opening the file: loading the models is not a frame's cost.
            started = AnalysisCounts.now()
            try service.run()
            let seconds = AnalysisCounts.now() - started
            let counts = service.statistics[0].counts
            fields += [
                ("detect_every", "\(detectEvery)"), ("min_face", JSONText.number(detection.minimumFace, decimals: 1)),
                ("detect_width", "\(detectWidth)"),
                ("frames", "\(counts.frames)"), ("seconds", JSONText.number(seconds, decimals: 3)),
                ("fps", JSONText.number(Double(counts.frames) / seconds, decimals: 2)),
                ("latency_p50_ms", JSONText.number((counts.latency.percentile(0.5) ?? 0) * 1000, decimals: 1)),
                ("latency_p99_ms", JSONText.number((counts.latency.percentile(0.99) ?? 0) * 1000, decimals: 1)),
                ("detections", "\(counts.detections)"), ("detection_ms", msEach(counts.detectionSeconds, counts.detections)),
                ("refinements", "\(counts.refinements)"), ("searches", "\(counts.searches)"),
                ("search_ms", msEach(counts.searchSeconds, counts.searches)),
                ("embeddings", "\(counts.embeddings)"), ("embedding_ms", msEach(counts.embeddingSeconds, counts.embeddings)),
                ("events", "\(events.total)"),
            ]
        }
        fields.append(("peak_rss_mb", JSONText.number(Double(Self.peakResidentKilobytes()) / 1024, decimals: 1)))
        print(JSONText.object(fields))
    }

    /// Milliseconds per item of `count` that took `seconds` together, as a JSON number.
    private func msEach(_ seconds: Double, _ count: Int) -> String {
        JSONText.number(seconds * 1000 / Double(max(1, count)), decimals: 1)
    }

    /// VmHWM from /proc/self/status: the most resident memory the process has had.
    static func peakResidentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}

/// Counts events published from several threads.
final class EventCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0

    func count(_ event: FaceEvent) {
        lock.lock()
        n += 1
        lock.unlock()
    }

    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
}
