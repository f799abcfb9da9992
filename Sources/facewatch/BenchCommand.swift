import ArgumentParser
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch bench`: timings for the benchmark scripts (release builds only make sense here).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time facewatch's stages on given inputs (for scripts/bench-*).",
        subcommands: [BenchDetect.self, BenchEmbed.self, BenchMatch.self, BenchPipeline.self, BenchAlignment.self,
                      BenchTrain.self])
}

/// Times detection per image: one JSON line each with min/median/max milliseconds, the stage breakdown of
/// the median run, and the throughput of the network arithmetic.
struct BenchDetect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detect", abstract: "Time face detection on images (decode excluded).")

    @Argument(help: "Image files.")
    var images: [String]

    @OptionGroup var detection: DetectionOptions

    @Option(name: .customLong("repeat"), help: "Timed runs per image (after one warm-up run).")
    var repetitions: Int = 10

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    func run() throws {
        let options = try detection.mtcnnOptions()
        let detector = try detection.loadDetector()
        BLAS.setThreadCount(threads)
        for path in images {
            let image = try ImageFile.decode(path: path)
            var faces = try detector.detect(image, options: options)
            var runs = [(seconds: Double, profile: MTCNNProfile)]()
            for _ in 0..<max(1, repetitions) {
                var profile = MTCNNProfile()
                let start = DispatchTime.now().uptimeNanoseconds
                faces = try detector.detect(image, options: options, profile: &profile)
                runs.append((Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, profile))
            }
            runs.sort { $0.seconds < $1.seconds }
            let median = runs[runs.count / 2]
            let ms = { (s: Double) in JSONText.number(s * 1000, decimals: 2) }
            print(JSONText.object([
                ("image", JSONText.string(path)), ("width", String(image.width)), ("height", String(image.height)),
                ("faces", String(faces.count)),
                ("ms", JSONText.object([("min", ms(runs.first!.seconds)), ("median", ms(median.seconds)), ("max", ms(runs.last!.seconds))])),
                ("stages", JSONText.object([
                    ("pyramid", ms(median.profile.pyramidSeconds)), ("pnet", ms(median.profile.pnetSeconds)),
                    ("rnet", ms(median.profile.rnetSeconds)), ("onet", ms(median.profile.onetSeconds)),
                    ("nms", ms(median.profile.nmsSeconds)),
                ])),
                ("candidates", JSONText.object([
                    ("rnet", String(median.profile.rnetCandidates)), ("onet", String(median.profile.onetCandidates)),
                ])),
                ("gflop", JSONText.number(Double(median.profile.multiplyAdds) * 2 / 1e9, decimals: 3)),
                ("gflops", JSONText.number(Double(median.profile.multiplyAdds) * 2 / 1e9
                    / max(1e-9, median.profile.pnetSeconds + median.profile.rnetSeconds + median.profile.onetSeconds), decimals: 1)),
            ]))
        }
    }
}
