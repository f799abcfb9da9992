import ArgumentParser
import FaceMedia
import FaceTrain
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch validate`: face verification accuracy on LFW-style pairs (the LFW protocol).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure verification accuracy on LFW-style pairs.",
        discussion: """
            Every image is read once: MTCNN finds the faces (looking again at --retry-thresholds where it finds \
            none), the most central one is aligned and embedded (with dlib's ResNet, or the --embedder ONNX \
            model). A pair's distance is the Euclidean distance of its two descriptors. Reports 10-fold accuracy \
            (threshold chosen on 9 folds, tested on the 10th; mean ± population std), VAL@FAR=1e-3, AUC and EER. \
            An image with no face makes its pairs count as wrong answers (and as rejected for VAL and the ROC); \
            how many is reported. A pairs file without the 'folds count' header is split into 10 folds by order. \
            --detections-cache keeps the faces found, so that later runs over the same images skip detection.
            """)

    @Option(help: "Pairs file (LFW pairs.txt format).")
    var pairs: String

    @Option(help: "Image directory: <dir>/<name>/<name>_<nnnn>.jpg.")
    var images: String

    @OptionGroup var detection: DetectionOptions
    @OptionGroup var embedding: EmbedderOptions

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    @Option(help: "Write the ROC curve (log false-positive axis) as a PNG.")
    var roc: String?

    @Option(help: "Images processed in parallel (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var faces: EvaluationFaceOptions

    func run() throws {
        let settings = try faces.settings(try detection.mtcnnOptions())
        let models = ModelsLocation.resolve(detection.modelsDirectory)
        let pairsFile: PairsFile
        let finder: CentralFaceFinder
        let embedder = try embedding.load(modelsDirectory: detection.modelsDirectory)
        do {
            pairsFile = try PairsFile(contentsOf: pairs, imageDirectory: images, foldsWithoutHeader: 10)
            finder = CentralFaceFinder(
                detector: try MTCNNDetector(modelsDirectory: models), settings: settings, cache: try faces.cache(for: settings))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        BLAS.setThreadCount(1)

        let paths = Array(Set(pairsFile.pairs.flatMap { [$0.pathA, $0.pathB] })).sorted()
        let descriptors = IndexedResults<Result<[Float], DescriptorFailure>>(count: paths.count)
        let progress = ProgressBar(total: paths.count, label: "embedding")
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { worker in
            var index = worker
            while index < paths.count {
                descriptors.set(index, Self.centralDescriptor(paths[index], finder: finder, embedder: embedder))
                progress.advance()
                index += max(1, threads)
            }
        }
        progress.finish()
        do {
            try finder.saveCache()
        } catch {
            printError("\(error)")
        }

        let position = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        var failures = [String]()
        let scored = pairsFile.pairs.map { pair -> ScoredPair in
            let a = descriptors.get(position[pair.pathA]!), b = descriptors.get(position[pair.pathB]!)
            let distance: Double? = switch (a, b) {
            case let (.success(x)?, .success(y)?): Double(descriptorDistance(x, y))
            default: nil
            }
            return ScoredPair(distance: distance, isSame: pair.isSame, fold: pair.fold)
        }
        for (index, path) in paths.enumerated() {
            if case let .failure(reason)? = descriptors.get(index) { failures.append("\(path): \(reason)") }
        }
        let evaluation: PairEvaluation
        do {
            evaluation = try PairEvaluation(scored)
        } catch {
            printError("\(pairs): \(error)")
            throw ExitCode(1)
        }
        for failure in failures.prefix(20) { printError(failure) }
        if failures.count > 20 { printError("… and \(failures.count - 20) more images without a usable face") }
        print(json ? Self.json(evaluation, images: paths.count, failures: failures.count) : Self.text(evaluation, images: paths.count, failures: failures.count))
        if let roc {
            try ImageFile.encode(ROCPlot(falsePositiveScale: .logarithmic(decades: 4)).render(evaluation.roc), to: roc)
        }
    }

    /// The descriptor of the face nearest the image centre, or why there is none.
    static func centralDescriptor(_ path: String, finder: CentralFaceFinder,
                                  embedder: any FaceEmbedder) -> Result<[Float], DescriptorFailure> {
        do {
            let image = try ImageFile.decode(path: path)
            guard let face = try finder.face(in: image, path: path) else {
                return .failure(DescriptorFailure(reason: "no face found"))
            }
            return .success(try embedder.descriptors(of: [face], in: image)[0])
        } catch {
            return .failure(DescriptorFailure(reason: "\(error)"))
        }
    }

    static func text(_ e: PairEvaluation, images: Int, failures: Int) -> String {
        func percent(_ v: Double) -> String { String(format: "%.2f", v * 100) }
        return """
            pairs: \(e.pairCount)  images: \(images)  images without a usable face: \(failures)  pairs affected: \(e.missingFaceCount)
            accuracy: \(percent(e.accuracy.accuracy.mean)) % ± \(percent(e.accuracy.accuracy.standardDeviation)) (10-fold)
            VAL@FAR=1e-3: \(percent(e.validation.validationRate.mean)) % ± \(percent(e.validation.validationRate.standardDeviation)) (FAR \(String(format: "%.5f", e.validation.falseAcceptRate.mean)))
            AUC: \(String(format: "%.5f", e.areaUnderCurve))  EER: \(percent(e.equalErrorRate)) %
            per-fold thresholds: \(e.accuracy.folds.map { String(format: "%.3f", $0.threshold) }.joined(separator: " "))
            """
    }

    static func json(_ e: PairEvaluation, images: Int, failures: Int) -> String {
        JSONText.object([
            ("pairs", String(e.pairCount)), ("images", String(images)), ("imagesWithoutFace", String(failures)),
            ("pairsWithoutFace", String(e.missingFaceCount)),
            ("accuracy", JSONText.number(e.accuracy.accuracy.mean, decimals: 6)),
            ("accuracyStd", JSONText.number(e.accuracy.accuracy.standardDeviation, decimals: 6)),
            ("valAtFar1e3", JSONText.number(e.validation.validationRate.mean, decimals: 6)),
            ("valAtFar1e3Std", JSONText.number(e.validation.validationRate.standardDeviation, decimals: 6)),
            ("far", JSONText.number(e.validation.falseAcceptRate.mean, decimals: 6)),
            ("auc", JSONText.number(e.areaUnderCurve, decimals: 6)),
            ("eer", JSONText.number(e.equalErrorRate, decimals: 6)),
            ("thresholds", JSONText.array(e.accuracy.folds.map { JSONText.number($0.threshold, decimals: 4) })),
        ])
    }
}

/// Why an image gave no descriptor.
struct DescriptorFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
