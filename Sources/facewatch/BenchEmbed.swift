import ArgumentParser
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// Times the embedder on aligned chips: one JSON line with milliseconds per face (min, median, max over the
/// timed passes over all chips), for scripts/bench-embed.
struct BenchEmbed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Time the face embedder on aligned chips (decode excluded).",
        discussion: """
            Every timed pass embeds all chips, --batch at a time, after one untimed warm-up pass. Chips of another \
            size than the embedder's are resized to it first (they then only serve for timing).
            """)

    @Argument(help: "Aligned chips (for dlib's ResNet: 150×150, as dlib.get_face_chip cuts them).")
    var chips: [String]

    @OptionGroup var embedding: EmbedderOptions

    @Option(name: .customLong("models"), help: "Directory holding dlib_face_recognition_resnet_model_v1.dat (default: as for detect).")
    var modelsDirectory: String?

    @Option(name: .customLong("repeat"), help: "Timed passes over all chips.")
    var repetitions: Int = 10

    @Option(help: "Chips per call to the embedder.")
    var batch: Int = 1

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let embedder = try embedding.load(modelsDirectory: modelsDirectory)
        BLAS.setThreadCount(threads)
        let template = embedder.aligner.template
        var images = [RGBImage]()
        var resized = 0
        for path in chips {
            let image = try ImageFile.decode(path: path)
            if image.width == template.width, image.height == template.height {
                images.append(image)
            } else {
                images.append(AreaResampling.resize(image, width: template.width, height: template.height))
                resized += 1
            }
        }
        let batches = stride(from: 0, to: images.count, by: batch).map { Array(images[$0..<min($0 + batch, images.count)]) }
        func pass() throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for group in batches { _ = try embedder.descriptors(ofChips: group) }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        _ = try pass()
        var seconds = [Double]()
        for _ in 0..<repetitions { seconds.append(try pass()) }
        let summary = TimingSummary(seconds)
        print(JSONText.object([
            ("embedder", JSONText.string(embedder.modelName)),
            ("implementation", JSONText.string("facewatch")),
            ("chips", String(images.count)), ("resized", String(resized)),
            ("size", JSONText.string("\(template.width)×\(template.height)")),
            ("batch", String(batch)), ("threads", String(threads)), ("repeat", String(repetitions)),
            ("msPerFace", summary.jsonMilliseconds(per: images.count)),
        ]))
    }
}
