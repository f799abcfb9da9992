import ArgumentParser
import FaceMedia
import FaceTrain
import FaceVision
import Foundation
import NeuralEngine

/// Verification accuracy of alignment variants for dlib's ResNet on one pairs file, for tuning the dlib
/// template on LFW's View 1 training pairs: every image is read and its face found once (from a detection
/// cache), then aligned and embedded once per variant. One JSON line per variant.
struct BenchAlignment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alignment",
        abstract: "LFW-style accuracy of dlib template variants (scale, shift, mirror averaging) on one pairs file.",
        discussion: """
            Variants: the base template (--base) scaled about the chip centre by each of --scales and moved by each \
            of --shifts-x and --shifts-y (chip pixels; positive moves the face right and down), every combination. \
            With --mirror each variant is also reported with test-time mirror averaging. Faces are the most central \
            in each image, as in validate; an image without a face makes its pairs wrong answers. Choose with the \
            View 1 training pairs (pairsDevTrain.txt) only; report the choice on the others.
            """)

    @Option(help: "Pairs file (LFW pairs.txt format).")
    var pairs: String

    @Option(help: "Image directory: <dir>/<name>/<name>_<nnnn>.jpg.")
    var images: String

    @OptionGroup var faces: EvaluationFaceOptions

    @OptionGroup var detection: DetectionOptions

    @Option(help: "Template to vary: dlib150 (FaceTemplate.dlib150, in use), measured (its points before tuning: 1.5 px lower) or derived (dlibChip(size: 150, padding: 0.25)).")
    var base: String = "dlib150"

    @Option(help: "Comma-separated template scales.")
    var scales: String = "1"

    @Option(name: .customLong("shifts-x"), help: "Comma-separated horizontal template shifts, chip pixels.")
    var shiftsX: String = "0"

    @Option(name: .customLong("shifts-y"), help: "Comma-separated vertical template shifts, chip pixels.")
    var shiftsY: String = "0"

    @Option(name: .customLong("nose-weights"), help: "Comma-separated weights of the nose tip in the fit (the eyes weigh 1).")
    var noseWeights: String = "1"

    @Option(name: .customLong("mouth-weights"), help: "Comma-separated weights of each mouth corner in the fit (the eyes weigh 1).")
    var mouthWeights: String = "1"

    @Flag(help: "Also report each variant with test-time mirror averaging.")
    var mirror = false

    @Flag(help: "Also report the mean descriptor of all variants (test-time augmentation over the grid).")
    var ensemble = false

    @Flag(help: "Drop the fraction of blended chip pixels, as dlib does, instead of rounding to nearest.")
    var truncate = false

    @Option(name: .customLong("pair-distances"), help: ArgumentHelp(
        "Write every pair's distance under every variant here (tab-separated: line, same, image A, image B, then one column per reported variant).",
        valueName: "FILE"))
    var pairDistances: String?

    @Option(help: "Images processed in parallel.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard ["dlib150", "measured", "derived"].contains(base) else {
            throw ValidationError("--base must be dlib150, measured or derived, not '\(base)'")
        }
        for (text, option) in [(scales, "--scales"), (shiftsX, "--shifts-x"), (shiftsY, "--shifts-y")] {
            _ = try Self.numbers(text, option: option)
        }
        guard try Self.numbers(scales, option: "--scales").allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--scales must be positive")
        }
        for (text, option) in [(noseWeights, "--nose-weights"), (mouthWeights, "--mouth-weights")] {
            guard try Self.numbers(text, option: option).allSatisfy({ $0 >= 0 }) else {
                throw ValidationError("\(option) must not be negative")
            }
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let settings = try faces.settings(try detection.mtcnnOptions())
        let models = ModelsLocation.resolve(detection.modelsDirectory)
        let baseTemplate: FaceTemplate = switch base {
        case "measured": Self.measured
        case "derived": .dlibChip(size: 150, padding: 0.25)
        default: .dlib150
        }
        let variants = AlignmentVariant.grid(
            base: baseTemplate, scales: try Self.numbers(scales, option: "--scales"),
            shiftsY: try Self.numbers(shiftsY, option: "--shifts-y"), shiftsX: try Self.numbers(shiftsX, option: "--shifts-x"),
            noseWeights: try Self.numbers(noseWeights, option: "--nose-weights"),
            mouthWeights: try Self.numbers(mouthWeights, option: "--mouth-weights"), rounding: truncate ? .truncate : .nearest)
        let pairsFile: PairsFile
        let finder: CentralFaceFinder
        let embedder: DlibFaceEmbedder
        do {
            pairsFile = try PairsFile(contentsOf: pairs, imageDirectory: images, foldsWithoutHeader: 10)
            finder = CentralFaceFinder(
                detector: try MTCNNDetector(modelsDirectory: models), settings: settings, cache: try faces.cache(for: settings))
            embedder = try DlibFaceEmbedder(modelsDirectory: models)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        BLAS.setThreadCount(1)

        let paths = Array(Set(pairsFile.pairs.flatMap { [$0.pathA, $0.pathB] })).sorted()
        let results = embed(paths, variants: variants, finder: finder, embedder: embedder)
        do {
            try finder.saveCache()
        } catch {
            printError("\(error)")
        }
        let position = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        func descriptors(_ path: String) -> VariantDescriptors? {
            guard case .success(let descriptors)? = results.get(position[path]!) else { return nil }
            return descriptors
        }
        printScaleQuantiles(paths.compactMap { descriptors($0)?.imagePixelsPerChipPixel })

        let views = mirror ? 2 : 1
        var columns = [[ScoredPair]]()
        func report(_ fields: [(String, String)], chips: [Int]) throws {
            let scored = pairsFile.scored { descriptors($0)?.mean(of: chips) }
            columns.append(scored)
            print(JSONText.object([("base", JSONText.string(base))] + fields + [("truncate", truncate ? "true" : "false")]
                + Self.fields(try PairEvaluation(scored))))
        }
        for (number, variant) in variants.enumerated() {
            try report(variant.fields + [("mirror", "false")], chips: [number * views])
            if mirror { try report(variant.fields + [("mirror", "true")], chips: [number * views, number * views + 1]) }
        }
        if ensemble, variants.count > 1 {
            try report([("ensemble", "true"), ("mirror", "false")], chips: variants.indices.map { $0 * views })
            if mirror { try report([("ensemble", "true"), ("mirror", "true")], chips: Array(0..<(variants.count * views))) }
        }
        if let pairDistances { try Self.writeDistances(columns, of: pairsFile, to: pairDistances) }
    }

    /// Every image's descriptors under every variant (and mirrored), or why it has none.
    private func embed(
        _ paths: [String], variants: [AlignmentVariant], finder: CentralFaceFinder, embedder: DlibFaceEmbedder
    ) -> IndexedResults<Result<VariantDescriptors, DescriptorFailure>> {
        let results = IndexedResults<Result<VariantDescriptors, DescriptorFailure>>(count: paths.count)
        let progress = ProgressBar(total: paths.count, label: "\(variants.count * (mirror ? 2 : 1)) chips per image")
        let workers = threads, mirror = mirror
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: paths.count, by: workers) {
                defer { progress.advance() }
                do {
                    let image = try ImageFile.decode(path: paths[index])
                    guard let face = try finder.face(in: image, path: paths[index]) else {
                        results.set(index, .failure(DescriptorFailure(reason: "no face found")))
                        continue
                    }
                    var chips = [RGBImage]()
                    for variant in variants {
                        chips.append(try variant.aligner.align(image, landmarks: face.landmarks))
                        if mirror { chips.append(try variant.aligner.alignMirrored(image, landmarks: face.landmarks)) }
                    }
                    results.set(index, .success(VariantDescriptors(
                        values: try embedder.descriptors(ofChips: chips).flatMap { $0 }, length: embedder.descriptorLength,
                        imagePixelsPerChipPixel: try variants[0].aligner.chipToImage(landmarks: face.landmarks).scale)))
                } catch {
                    results.set(index, .failure(DescriptorFailure(reason: "\(error)")))
                }
            }
        }
        progress.finish()
        return results
    }

    /// How much the chips shrink (above 1) or enlarge (below 1) the faces: the question of anti-aliasing.
    private func printScaleQuantiles(_ scales: [Double]) {
        guard !scales.isEmpty else { return }
        let sorted = scales.sorted()
        let quantiles = [0, 0.01, 0.5, 0.99, 1].map { sorted[Int($0 * Double(sorted.count - 1))] }
        printError("image pixels per chip pixel (first variant), min/1%/median/99%/max: "
            + quantiles.map { String(format: "%.3f", $0) }.joined(separator: " "))
    }

    static func fields(_ evaluation: PairEvaluation) -> [(String, String)] {
        [
            ("accuracy", JSONText.number(evaluation.accuracy.accuracy.mean, decimals: 6)),
            ("accuracyStd", JSONText.number(evaluation.accuracy.accuracy.standardDeviation, decimals: 6)),
            ("valAtFar1e3", JSONText.number(evaluation.validation.validationRate.mean, decimals: 6)),
            ("auc", JSONText.number(evaluation.areaUnderCurve, decimals: 6)),
            ("eer", JSONText.number(evaluation.equalErrorRate, decimals: 6)),
            ("pairsWithoutFace", String(evaluation.missingFaceCount)),
        ]
    }

    /// One tab-separated line per pair: its line number, 1 for same or 0, both image paths, then its distance
    /// in every reported column ("-" without a face).
    static func writeDistances(_ columns: [[ScoredPair]], of pairsFile: PairsFile, to path: String) throws {
        let rows = pairsFile.pairs.indices.map { index in
            let pair = pairsFile.pairs[index]
            let distances = columns.map { column in
                if let distance = column[index].distance { String(format: "%.5f", distance) } else { "-" }
            }
            return ([String(pair.line), pair.isSame ? "1" : "0", pair.pathA, pair.pathB] + distances).joined(separator: "\t")
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The mean of MTCNN's landmarks on 319 chips dlib cut from LFW photos, before the tuning that moved it up
    /// by 1.5 chip pixels into `FaceTemplate.dlib150` (docs/alignment.md).
    static let measured = FaceTemplate(
        name: "dlib-150-measured", width: 150, height: 150,
        points: [
            Point2D(x: 46.768, y: 45.053), Point2D(x: 101.468, y: 44.836), Point2D(x: 73.800, y: 76.513),
            Point2D(x: 50.644, y: 104.357), Point2D(x: 97.766, y: 104.244),
        ],
        fitting: .landmarksToTemplate)

    static func numbers(_ text: String, option: String) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0?.isFinite ?? false }) else {
            throw ValidationError("\(option) needs comma-separated numbers, got '\(text)'")
        }
        return values.compactMap { $0 }
    }
}
