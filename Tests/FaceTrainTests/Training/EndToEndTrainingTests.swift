import FaceTrain
import NeuralEngine
import Testing

/// A small convolutional network learns a toy problem with the training layers, a loss and an optimiser.
@Suite struct EndToEndTrainingTests {
    /// 6×6 grey images of three classes, a bright horizontal bar, vertical bar or diagonal at a random offset,
    /// over uniform noise.
    private func toyBatch(count: Int, using generator: inout SeededGenerator) -> (images: Tensor, labels: [Int]) {
        var values: [Float] = [], labels: [Int] = []
        for index in 0..<count {
            let label = index % 3, offset = Int.random(in: 1...4, using: &generator)
            var image = (0..<36).map { _ in Float.random(in: -0.3...0.3, using: &generator) }
            for i in 0..<6 {
                switch label {
                case 0: image[offset * 6 + i] += 1
                case 1: image[i * 6 + offset] += 1
                default: image[i * 6 + i] += 1
                }
            }
            values += image
            labels.append(label)
        }
        return (Tensor(shape: [count, 1, 6, 6], values: values), labels)
    }

    private func classifier(using generator: inout SeededGenerator) throws -> Sequential {
        let same = Padding2D.explicit(top: 1, left: 1, bottom: 1, right: 1)
        return Sequential([
            Conv2DLayer(inChannels: 1, outChannels: 6, kernelSize: 3, padding: same, hasBias: false, using: &generator),
            BatchNormLayer(channels: 6, averagingDecay: 0.9),
            ReLULayer(),
            try MaxPool2DLayer(kernelSize: 2, stride: 2),
            Conv2DLayer(inChannels: 6, outChannels: 8, kernelSize: 3, padding: same, using: &generator),
            PReLULayer(channels: 8),
            GlobalAveragePoolLayer(),
            FlattenLayer(),
            DenseLayer(inFeatures: 8, outFeatures: 3, using: &generator),
        ])
    }

    @Test(arguments: ["sgd", "adam"])
    func lossFallsOnASeparableProblem(optimizerName: String) throws {
        var generator = SeededGenerator(seed: 50)
        var model = try classifier(using: &generator)
        let (images, labels) = toyBatch(count: 24, using: &generator)
        var sgd = MomentumSGD(momentum: 0.9, weightDecay: 1e-4)
        var adam = Adam(weightDecay: 1e-4)
        var losses: [Double] = []
        for _ in 0..<60 {
            let logits = try model.forward(images)
            let evaluation = try SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
            losses.append(evaluation.loss)
            _ = try model.backward(evaluation.gradient)
            if optimizerName == "sgd" {
                sgd.step(&model, learningRate: 0.05)
            } else {
                adam.step(&model, learningRate: 0.01)
            }
        }
        let first = losses[0], last = losses.suffix(5).reduce(0, +) / 5
        #expect(first > 0.8, "an untrained classifier starts far from a zero loss")
        #expect(last < 0.1 * first, "loss went from \(first) to \(last)")

        let (test, testLabels) = toyBatch(count: 30, using: &generator)
        let predictions = try model.forward(test, mode: .inference)
        var correct = 0
        for row in 0..<30 {
            let scores = predictions.values[(row * 3)..<(row * 3 + 3)]
            if scores.firstIndex(of: scores.max()!)! - row * 3 == testLabels[row] { correct += 1 }
        }
        #expect(correct >= 24, "\(correct) of 30 unseen images classified correctly")
    }
}
