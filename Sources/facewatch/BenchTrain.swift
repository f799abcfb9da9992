import FacewatchSupport
import ArgumentParser
import FaceTrain
import FaceVision
import Foundation
import NeuralEngine

/// Times training steps of `facewatch train`'s network for each loss on generated chips, beside the network's
/// forward-only rate and what `sgemm` reaches on this machine.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time training throughput (images/s) for each loss on generated chips.",
        discussion: """
            The chips are reproducible noise (their content does not change the arithmetic); --people people \
            with --images-per-person chips each, --input-size + 8 pixels square, cropped and flipped as in training. \
            For each loss the trainer runs --warm-up batches, then --batches timed ones: images trained per second \
            (for the triplet loss, a selection round that falls among the timed batches is inside the time, as \
            in a real run: one round of 45 people × 40 images feeds hundreds of batches, and the first comes \
            before any batch, so pass --warm-up 0 to include it). \
            Also printed: the forward pass alone (inference mode, batches of --batch-size) and the GFLOP/s that \
            sgemm reaches here, with the rate the training step achieves (3 × the forward multiply-adds per image).
            """)

    @Option(parsing: .upToNextOption, help: "Losses to time: center, triplet (default: both).")
    var loss: [TrainCommand.LossChoice] = [.center, .triplet]

    @Option(help: "Timed batches per loss.")
    var batches: Int = 20

    @Option(name: .customLong("warm-up"), help: "Untimed batches first.")
    var warmUp: Int = 5

    @Option(help: "Images per batch (a multiple of 3).")
    var batchSize: Int = 90

    @Option(help: "The network's input side.")
    var inputSize: Int = 64

    @Option(help: "People in the generated data set.")
    var people: Int = 100

    @Option(help: "Chips per person.")
    var imagesPerPerson: Int = 20

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Flag(help: "JSON lines instead of sentences.")
    var json = false

    func validate() throws {
        guard batches >= 1, warmUp >= 0 else { throw ValidationError("--batches must be at least 1, --warm-up at least 0") }
        guard batchSize >= 3, batchSize % 3 == 0 else { throw ValidationError("--batch-size must be a positive multiple of 3") }
        guard people >= 2, imagesPerPerson >= 2 else { throw ValidationError("--people and --images-per-person must be at least 2") }
        if let problem = EmbeddingNetworkShape(inputSide: inputSize).problem { throw ValidationError(problem) }
    }

    func run() throws {
        if let threads { BLAS.setThreadCount(threads) }
        let shape = EmbeddingNetworkShape(inputSide: inputSize)
        let data = syntheticData(side: inputSize + 8)
        let gflopPerImage = 2 * Double(EmbeddingNetwork.multiplyAdds(shape)) / 1e9
        let peak = BLAS.multiplyRate()
        let forward = try forwardRate(shape, data)
        report([("measure", JSONText.string("forward")), ("images_per_second", JSONText.number(forward, decimals: 1)),
                ("gflops", JSONText.number(forward * gflopPerImage, decimals: 1)),
                ("sgemm_gflops", JSONText.number(peak, decimals: 1))],
               sentence: String(format: "forward only: %.1f images/s (%.1f GFLOP/s; sgemm reaches %.1f GFLOP/s here)",
                                forward, forward * gflopPerImage, peak))
        for choice in loss {
            let trainingLoss: TrainingLoss = choice == .center
                ? .center(weight: 0.01, alpha: 0.95)
                : .triplet(margin: 0.2, rule: .facenet, peoplePerBatch: 45, imagesPerPerson: 40)
            let settings = TrainingSettings(network: shape, loss: trainingLoss, batchSize: batchSize,
                                            batchesPerEpoch: warmUp + batches, seed: 1)
            var trainer = try Trainer(settings: settings, dataset: data)
            var timedFrom: UInt64 = DispatchTime.now().uptimeNanoseconds
            var timing = warmUp == 0
            var rounds = 0
            _ = try trainer.trainEpoch(1, learningRate: 1e-4, progress: { progress in
                if progress.batch == warmUp {
                    timedFrom = DispatchTime.now().uptimeNanoseconds
                    timing = true
                }
            }, log: { _ in if timing { rounds += 1 } })
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - timedFrom) / 1e9
            let rate = Double(batches * batchSize) / seconds
            report([("measure", JSONText.string(choice.rawValue)), ("images_per_second", JSONText.number(rate, decimals: 1)),
                    ("gflops", JSONText.number(3 * rate * gflopPerImage, decimals: 1)),
                    ("batches", "\(batches)"), ("batch_size", "\(batchSize)"),
                    ("selection_rounds", "\(rounds)"), ("seconds", JSONText.number(seconds, decimals: 2))],
                   sentence: String(format: "%@ loss: %.1f images/s trained (%.1f GFLOP/s), %d batches of %d in %.1f s%@",
                                    choice.rawValue, rate, 3 * rate * gflopPerImage, batches, batchSize, seconds,
                                    choice == .triplet ? ", \(rounds) selection round\(rounds == 1 ? "" : "s") of 1800 images in the timed part" : ""))
        }
    }

    private func report(_ fields: [(String, String)], sentence: String) {
        print(json ? JSONText.object(fields) : sentence)
    }

    private func syntheticData(side: Int) -> ChipDataset {
        var random = SplitMix64(seed: 11)
        var samples: [ChipDataset.Sample] = []
        for person in 0..<people {
            for image in 0..<imagesPerPerson {
                let pixels = (0..<(side * side * 3)).map { _ in UInt8.random(in: 0...255, using: &random) }
                samples.append(ChipDataset.Sample(label: person, path: "person\(person)/\(image)",
                                                  chip: RGBImage(width: side, height: side, pixels: pixels)))
            }
        }
        return ChipDataset(people: (0..<people).map { "person\($0)" }, samples: samples, side: side)
    }

    private func forwardRate(_ shape: EmbeddingNetworkShape, _ data: ChipDataset) throws -> Double {
        var random = SplitMix64(seed: 3)
        var network = EmbeddingNetwork.embedder(EmbeddingNetwork.features(shape, using: &random))
        let input = ChipBatch(inputSide: shape.inputSide).evaluationTensor(of: data.samples.prefix(batchSize).map(\.chip))
        _ = try network.forward(input, mode: .inference)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batches { _ = try network.forward(input, mode: .inference) }
        return Double(batches * input.shape[0]) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
