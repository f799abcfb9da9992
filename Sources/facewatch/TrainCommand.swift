import ArgumentParser
import FaceMedia
import FaceTrain
import FaceVision
import FacewatchSupport
import Foundation
import NeuralEngine

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a face-embedding network (softmax + center loss, or triplet loss) and export it to ONNX.",
        discussion: """
            --data holds aligned chips, one folder per person (facewatch align --size 72 --margin 0.0625 gives the \
            default 64-pixel network room for random crops). Each epoch trains --batches-per-epoch batches, then \
            measures 10-fold accuracy on --validation-pairs (if given), appends a row to the history CSV, redraws \
            the plot, and saves the checkpoint; epoch 0 is the untrained network. --resume continues from the \
            checkpoint after the last completed epoch, exactly as if it had not stopped. At the end the network (with \
            L2-normalised output) is written to --out as ONNX, which --embedder loads (template arcface, the network's \
            input size); with --keep-best, --out holds the epoch with the best validation accuracy instead, written \
            when that epoch ended.
            """)

    enum LossChoice: String, ExpressibleByArgument, CaseIterable {
        case center, triplet
    }

    @Option(help: "Aligned chips, one folder per person.")
    var data: String

    @Option(help: "center (softmax + center loss) or triplet.")
    var loss: LossChoice

    @Option(help: "Where the trained model goes (ONNX).")
    var out: String

    @Option(help: "LFW-style pairs file to validate on after each epoch; its pictures are looked up in --validation-data as <name>/<name>_NNNN.png.")
    var validationPairs: String?

    @Option(help: "Aligned chips of the validation pairs' people (facewatch align output).")
    var validationData: String?

    @Option(help: "Folds of a pairs file without a header line (LFW's View 1 files).")
    var validationFolds: Int = 10

    @Option(help: "Epochs to train (the run stops earlier if the schedule says -1 or --max-minutes runs out).")
    var epochs: Int = 20

    @Option(help: "Batches per epoch.")
    var batchesPerEpoch: Int = 100

    @Option(help: "Images per batch (a multiple of 3 for the triplet loss).")
    var batchSize: Int = 90

    @Option(help: "The network's input side in pixels (a multiple of 16); chips are cropped to it.")
    var inputSize: Int = 64

    @Option(help: "Channels of the stem and the three residual stages.")
    var widths: String = "32,64,128,256"

    @Option(help: "Length of the embedding.")
    var embeddingSize: Int = 128

    @Option(help: "adam or momentum (SGD, momentum 0.9).")
    var optimizer: TrainingSettings.OptimizerKind = .adam

    @Option(help: "Constant learning rate (ignored with --learning-rate-schedule).")
    var learningRate: Float = 0.001

    @Option(help: "facenet-style schedule file: 'epoch: rate' lines, indexed by epochs already trained (0 for the first); -1 stops.")
    var learningRateSchedule: String?

    @Option(help: "L2 weight decay on convolution and dense weights.")
    var weightDecay: Float = 5e-4

    @Option(help: "λ, the center loss's weight (center loss only).")
    var centerLossWeight: Float = 0.01

    @Option(help: "α, the centers' inertia: each batch moves them by (1 − α) of the way to their samples.")
    var centerLossAlpha: Float = 0.95

    @Option(help: "α, the triplet loss's margin.")
    var tripletMargin: Float = 0.2

    @Option(help: "Which negatives complete a pair: facenet (d(a,n) − d(a,p) < α, as davidsandberg/facenet) or semihard (d(a,p) < d(a,n) < d(a,p) + α).")
    var selection: TripletSelectionRule = .facenet

    @Option(help: "People sampled per triplet-selection round.")
    var peoplePerBatch: Int = 45

    @Option(help: "Images per person in a round, at most.")
    var imagesPerPerson: Int = 40

    @Option(help: "Leave out people with fewer chips than this.")
    var minImages: Int = 2

    @Option(help: "Seed of every random choice (initial weights, batches, crops, triplets).")
    var seed: UInt64 = 1

    @Option(help: "Checkpoint file (default: --out with the extension .checkpoint).")
    var checkpoint: String?

    @Flag(help: "Continue from the checkpoint (same options required).")
    var resume = false

    @Option(help: "History CSV (default: --out with the extension .csv).")
    var history: String?

    @Option(help: "Plot of loss and validation accuracy per epoch, PNG (default: --out with the extension .png).")
    var plot: String?

    @Option(help: "Stop after the epoch during which this many minutes of training have passed (the model is still exported).")
    var maxMinutes: Double?

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Export the epoch with the best validation accuracy instead of the last: --out is rewritten whenever an epoch beats every earlier one (needs --validation-pairs).")
    var keepBest = false

    func validate() throws {
        if (validationPairs == nil) != (validationData == nil) {
            throw ValidationError("--validation-pairs and --validation-data go together")
        }
        if keepBest && validationPairs == nil {
            throw ValidationError("--keep-best needs --validation-pairs and --validation-data to tell the best epoch")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        if let problem = settings().problem { throw ValidationError(problem) }
    }

    func settings() -> TrainingSettings {
        let trainingLoss: TrainingLoss
        switch loss {
        case .center: trainingLoss = .center(weight: centerLossWeight, alpha: centerLossAlpha)
        case .triplet:
            trainingLoss = .triplet(margin: tripletMargin, rule: selection, peoplePerBatch: peoplePerBatch,
                                    imagesPerPerson: imagesPerPerson)
        }
        let stageWidths = widths.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
        return TrainingSettings(
            network: EmbeddingNetworkShape(inputSide: inputSize, widths: stageWidths, embeddingSize: embeddingSize),
            loss: trainingLoss, optimizer: optimizer, weightDecay: weightDecay, batchSize: batchSize,
            batchesPerEpoch: batchesPerEpoch, seed: seed)
    }

    private func sibling(_ explicit: String?, _ suffix: String) -> String {
        explicit ?? ((out as NSString).deletingPathExtension + suffix)
    }

    func run() throws {
        if let threads { BLAS.setThreadCount(threads) }
        let checkpointPath = sibling(checkpoint, ".checkpoint")
        let historyPath = sibling(history, ".csv")
        let plotPath = sibling(plot, ".png")
        let log = TrainingLog(path: sibling(nil, ".log"))
        do {
            let schedule = try learningRateSchedule.map { path throws(LearningRateScheduleError) in
                try LearningRateSchedule(contentsOfFile: path)
            } ?? .constant(learningRate)
            let dataset = try ChipDataset(directory: data, minimumImagesPerPerson: minImages) { path in
                try ImageFile.decode(path: path)
            }
            var trainer = try Trainer(settings: settings(), dataset: dataset)
            log.line("data: \(dataset.people.count) people, \(dataset.samples.count) chips of \(dataset.side)×\(dataset.side) from \(data)")
            log.line("network: \(settings().network), \(trainer.features.parameterCount) parameters; \(settings().loss)")
            let validation = try loadValidation()
            if let validation {
                log.line("validation: \(validation.pairs.count) pairs from \(validationPairs!), \(validation.pairsWithoutChips) without a chip")
            }
            if resume, FileManager.default.fileExists(atPath: checkpointPath) {
                try trainer.restore(try TrainingCheckpoint(contentsOf: checkpointPath), from: checkpointPath)
                log.line("resumed from \(checkpointPath) after epoch \(trainer.completedEpochs)")
            } else {
                let accuracy = try measure(trainer, validation)
                trainer.record(EpochRecord(epoch: 0, learningRate: nil, loss: nil, validationAccuracy: accuracy?.mean,
                                           validationAccuracySpread: accuracy?.standardDeviation, images: 0, seconds: 0))
                log.line("epoch 0 (untrained): \(describe(accuracy))")
                try save(trainer, checkpointPath: checkpointPath, historyPath: historyPath, plotPath: plotPath)
            }
            let started = ContinuousClock.now
            while trainer.completedEpochs < epochs {
                let epoch = trainer.completedEpochs + 1
                guard case .train(let rate) = schedule.decision(forEpoch: epoch - 1) else {
                    log.line("the schedule stops training before epoch \(epoch)")
                    break
                }
                let bar = ProgressBar(total: batchesPerEpoch, label: "epoch \(epoch)/\(epochs)")
                var latestLoss = 0.0
                let summary = try trainer.trainEpoch(epoch, learningRate: rate, progress: { progress in
                    latestLoss = progress.runningLoss
                    bar.advance(detail: String(format: "loss %.4f", latestLoss))
                }, log: { line in
                    bar.interrupt()
                    log.line("epoch \(epoch): \(line)")
                })
                bar.finish()
                let accuracy = try measure(trainer, validation)
                trainer.record(EpochRecord(
                    epoch: epoch, learningRate: rate, loss: summary.loss, validationAccuracy: accuracy?.mean,
                    validationAccuracySpread: accuracy?.standardDeviation, images: summary.images, seconds: summary.seconds))
                log.line(String(format: "epoch %d: loss %.4f, %@, %.1f images/s, learning rate %g", epoch, summary.loss,
                                 describe(accuracy), Double(summary.images) / max(summary.seconds, 1e-9), Double(rate)))
                try save(trainer, checkpointPath: checkpointPath, historyPath: historyPath, plotPath: plotPath)
                if keepBest, Self.bestEpoch(of: trainer.history) == epoch {
                    try export(trainer)
                    log.line("epoch \(epoch): the best validation accuracy so far; wrote \(out)")
                }
                if let maxMinutes, (ContinuousClock.now - started) >= .seconds(maxMinutes * 60) {
                    log.line("stopping after epoch \(epoch): --max-minutes \(maxMinutes) reached")
                    break
                }
            }
            if keepBest, let best = Self.bestEpoch(of: trainer.history), FileManager.default.fileExists(atPath: out) {
                log.line("kept epoch \(best) in \(out) (the best validation accuracy; last epoch \(trainer.completedEpochs)); history \(historyPath), plot \(plotPath)")
                return
            }
            if keepBest {
                log.line("no exported best epoch found at \(out); exporting the last one")
            }
            try export(trainer)
            log.line("wrote \(out) (epoch \(trainer.completedEpochs)); history \(historyPath), plot \(plotPath)")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    private func export(_ trainer: Trainer) throws {
        do {
            try ONNXExporter.write(trainer.embedder, side: inputSize, to: out)
        } catch {
            throw TrainingError.engine("\(out): \(error)")
        }
    }

    /// The trained epoch (1 or later) with the highest validation accuracy, the earliest of equals; nil before
    /// any epoch was validated.
    static func bestEpoch(of history: [EpochRecord]) -> Int? {
        var best: EpochRecord?
        for record in history where record.epoch >= 1 {
            guard let accuracy = record.validationAccuracy else { continue }
            if accuracy > (best?.validationAccuracy ?? -1) { best = record }
        }
        return best?.epoch
    }

    private func loadValidation() throws -> PairValidation? {
        guard let validationPairs, let validationData else { return nil }
        let file = try PairsFile(contentsOf: validationPairs, imageDirectory: validationData,
                                 foldsWithoutHeader: validationFolds)
        let pairs = file.pairs.map { pair in
            FacePair(pathA: Self.chipPath(pair.pathA), pathB: Self.chipPath(pair.pathB), isSame: pair.isSame,
                     fold: pair.fold, line: pair.line)
        }
        return try PairValidation(pairs: pairs) { path in
            FileManager.default.fileExists(atPath: path) ? try ImageFile.decode(path: path) : nil
        }
    }

    /// A pairs file's `…/name_0001.jpg` as `facewatch align` names its chip: `…/name_0001.png`.
    static func chipPath(_ photo: String) -> String {
        (photo as NSString).deletingPathExtension + ".png"
    }

    private func measure(_ trainer: Trainer, _ validation: PairValidation?) throws -> Spread? {
        guard let validation else { return nil }
        return try validation.evaluate(trainer.embedder, inputSide: inputSize).accuracy
    }

    private func describe(_ accuracy: Spread?) -> String {
        guard let accuracy else { return "no validation" }
        return String(format: "validation accuracy %.2f %% ± %.2f", accuracy.mean * 100, accuracy.standardDeviation * 100)
    }

    private func save(_ trainer: Trainer, checkpointPath: String, historyPath: String, plotPath: String) throws {
        try TrainingCheckpoint(trainer).write(to: checkpointPath)
        do {
            try WholeFile.write(Array(TrainingHistoryCSV.text(of: trainer.history).utf8), to: historyPath)
        } catch {
            throw TrainingError.checkpoint(path: historyPath, reason: error.description)
        }
        try ImageFile.encode(TrainingCurvePlot().render(trainer.history), to: plotPath)
    }
}

extension TrainingSettings.OptimizerKind: ExpressibleByArgument {}
extension TripletSelectionRule: ExpressibleByArgument {}

/// Training's log: each line to standard error and appended to a file beside the model (if that file cannot be
/// written, standard error still has every line).
struct TrainingLog {
    let path: String

    func line(_ text: String) {
        printError(text)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        handle.write(Data((text + "\n").utf8))
        try? handle.close()
    }
}
