import FaceTrain
import Foundation
import NeuralEngine
import Testing

@Suite struct TrainerTests {
    private func settings(_ loss: TrainingLoss, batches: Int = 6) -> TrainingSettings {
        TrainingSettings(network: SyntheticChips.tinyNetwork, loss: loss, optimizer: .adam, weightDecay: 1e-4,
                         batchSize: 12, batchesPerEpoch: batches, seed: 7)
    }

    private let centerLoss = TrainingLoss.center(weight: 0.01, alpha: 0.9)
    private let tripletLoss = TrainingLoss.triplet(margin: 0.2, rule: .facenet, peoplePerBatch: 3, imagesPerPerson: 4)

    private func parameters(_ trainer: Trainer) -> [String: [Float]] {
        var values: [String: [Float]] = [:]
        trainer.features.forEachParameter { name, parameter in values[name] = parameter.value.values }
        var features = trainer.features
        features.visitBuffers { name, buffer in values["buffer:" + name] = buffer }
        return values
    }

    @Test func centerLossFallsOverEpochs() throws {
        let data = SyntheticChips.dataset(people: 4, imagesEach: 6, side: 20)
        var trainer = try Trainer(settings: settings(centerLoss, batches: 10), dataset: data)
        var losses: [Double] = []
        for epoch in 1...4 {
            losses.append(try trainer.trainEpoch(epoch, learningRate: 0.01).loss)
        }
        // ln 4 ≈ 1.39 for guessing among four people.
        #expect(losses[0] > losses[3])
        #expect(losses[3] < 1.0)
    }

    @Test func tripletEpochLogsEachSelectionRound() throws {
        let data = SyntheticChips.dataset(people: 4, imagesEach: 5, side: 20)
        var trainer = try Trainer(settings: settings(tripletLoss, batches: 4), dataset: data)
        var lines: [String] = []
        var reported: [Int] = []
        let summary = try trainer.trainEpoch(1, learningRate: 0.01, progress: { reported.append($0.batch) },
                                             log: { lines.append($0) })
        #expect(reported == [1, 2, 3, 4])
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.contains("triplets") })
        #expect(summary.loss.isFinite && summary.images > 0 && summary.images <= 4 * 12)
    }

    /// Two epochs straight, or one epoch, a checkpoint written to disk and read into a fresh trainer, then the
    /// second: the same weights to the bit, the same history.
    @Test(arguments: ["center", "triplet"])
    func resumingFromACheckpointContinuesExactly(lossName: String) throws {
        let loss = lossName == "center" ? centerLoss : tripletLoss
        let data = SyntheticChips.dataset(people: 4, imagesEach: 5, side: 20)
        var straight = try Trainer(settings: settings(loss), dataset: data)
        for epoch in 1...2 {
            let summary = try straight.trainEpoch(epoch, learningRate: 0.005)
            straight.record(EpochRecord(epoch: epoch, learningRate: 0.005, loss: summary.loss, validationAccuracy: nil,
                                        validationAccuracySpread: nil, images: summary.images, seconds: 0))
        }

        var first = try Trainer(settings: settings(loss), dataset: data)
        let summary = try first.trainEpoch(1, learningRate: 0.005)
        first.record(EpochRecord(epoch: 1, learningRate: 0.005, loss: summary.loss, validationAccuracy: nil,
                                 validationAccuracySpread: nil, images: summary.images, seconds: 0))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(lossName)-\(UUID()).checkpoint").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TrainingCheckpoint(first).write(to: path)

        var resumed = try Trainer(settings: settings(loss), dataset: data)
        try resumed.restore(try TrainingCheckpoint(contentsOf: path), from: path)
        #expect(resumed.completedEpochs == 1)
        let second = try resumed.trainEpoch(2, learningRate: 0.005)
        resumed.record(EpochRecord(epoch: 2, learningRate: 0.005, loss: second.loss, validationAccuracy: nil,
                                   validationAccuracySpread: nil, images: second.images, seconds: 0))

        let sameWeights = parameters(resumed) == parameters(straight)
        #expect(sameWeights)
        #expect(resumed.history.map(\.loss) == straight.history.map(\.loss))
        #expect(resumed.random == straight.random)
        if lossName == "center" {
            #expect(resumed.objective == straight.objective)
            #expect(resumed.classifier?.weight == straight.classifier?.weight)
        }
    }

    @Test func checkpointOfOtherSettingsOrDamagedFileIsRefused() throws {
        let data = SyntheticChips.dataset(people: 3, imagesEach: 3, side: 20)
        let trainer = try Trainer(settings: settings(centerLoss), dataset: data)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("refuse-\(UUID()).checkpoint").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TrainingCheckpoint(trainer).write(to: path)

        var other = try Trainer(settings: settings(tripletLoss), dataset: data)
        #expect {
            try other.restore(try TrainingCheckpoint(contentsOf: path), from: path)
        } throws: { error in
            "\(error)" == "\(path): checkpoint: made with other settings: loss triplet loss (α 0.2, facenet selection, "
                + "3 people × 4 images per round) (checkpoint: softmax + center loss (λ 0.01, α 0.9)); resume with the "
                + "checkpoint's options or start afresh"
        }

        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(10)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try TrainingCheckpoint(contentsOf: path)
        } throws: { error in
            "\(error)".contains("truncated?") && "\(error)".hasPrefix(path)
        }

        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try TrainingCheckpoint(contentsOf: path)
        } throws: { error in
            "\(error)" == "\(path): checkpoint: not a facewatch checkpoint (no 'facewatch-checkpoint 1' line)"
        }
    }

    @Test func settingsProblemsAreNamed() {
        var bad = settings(tripletLoss)
        bad.batchSize = 10
        #expect(bad.problem == "batch size 10 must be a multiple of 3 for the triplet loss")
        #expect(throws: TrainingError.invalidSettings("batch size 10 must be a multiple of 3 for the triplet loss")) {
            _ = try Trainer(settings: bad, dataset: SyntheticChips.dataset(people: 2, imagesEach: 2, side: 20))
        }
        #expect(throws: TrainingError.data(.chipTooSmall(side: 12, inputSide: 16))) {
            _ = try Trainer(settings: settings(centerLoss), dataset: SyntheticChips.dataset(people: 2, imagesEach: 2, side: 12))
        }
    }

    @Test func defaultNetworkIsSizedForACPU() {
        var generator = SeededGenerator(seed: 1)
        var network = EmbeddingNetwork.embedder(EmbeddingNetwork.features(EmbeddingNetworkShape(), using: &generator))
        #expect(network.parameterCount == 1_973_376)
        #expect(EmbeddingNetwork.multiplyAdds(EmbeddingNetworkShape()) == 85_852_160)
        let output = try? network.forward(Tensor(shape: [2, 3, 64, 64], repeating: 0.1), mode: .inference)
        #expect(output?.shape == [2, 128])
        let lengths = (0..<2).map { row in output!.values[(row * 128)..<((row + 1) * 128)].reduce(0) { $0 + $1 * $1 } }
        #expect(lengths.allSatisfy { abs($0 - 1) < 1e-4 })
    }
}
