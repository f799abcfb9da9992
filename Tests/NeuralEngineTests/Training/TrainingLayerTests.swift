import Testing
@testable import NeuralEngine

/// Forward passes of the training layers against the inference layers and hand-worked values.
@Suite struct TrainingLayerTests {
    @Test func convolutionMatchesTheTextbookLoop() throws {
        var values = SeededValues(seed: 30)
        let input = Tensor(shape: [2, 3, 7, 6], values: values.values(2 * 3 * 7 * 6))
        let weight = Tensor(shape: [4, 3, 3, 3], values: values.values(4 * 27))
        let bias = values.values(4)
        var conv = try Conv2DLayer(weight: weight, bias: Tensor(shape: [4], values: bias), stride: (2, 1),
                                   padding: .explicit(top: 1, left: 2, bottom: 0, right: 1))
        let output = try conv.forward(input)
        let expected = directConvolution(input, weights: weight.values, bias: bias, outChannels: 4, kernel: (3, 3),
                                         stride: (2, 1), dilation: (1, 1), pads: (1, 2, 0, 1), groups: 1)
        #expect(output.shape == expected.shape)
        #expect(maxAbsDifference(output.values, expected.values) < 1e-5)
        let inference = try conv.inferenceLayer().forward(input)
        #expect(maxAbsDifference(inference.values, expected.values) < 1e-5)
    }

    /// A 1×1 convolution of one pixel is a plain product: y = w·x + b, dW = dy·x, dx = w·dy.
    @Test func convolutionGradientsByHand() throws {
        var conv = try Conv2DLayer(weight: Tensor(shape: [2, 1, 1, 1], values: [2, -3]), bias: Tensor(shape: [2], values: [1, 0]))
        let y = try conv.forward(Tensor(shape: [1, 1, 1, 1], values: [5]))
        #expect(y.values == [11, -15])
        let dx = try conv.backward(Tensor(shape: [1, 2, 1, 1], values: [1, 10]))
        #expect(dx.values == [2 - 30])
        #expect(conv.weight.gradient.values == [5, 50])
        #expect(conv.bias!.gradient.values == [1, 10])
        _ = try conv.forward(Tensor(shape: [1, 1, 1, 1], values: [1]))
        _ = try conv.backward(Tensor(shape: [1, 2, 1, 1], values: [1, 1]))
        #expect(conv.weight.gradient.values == [6, 51], "gradients accumulate until cleared")
        conv.zeroGradients()
        #expect(conv.weight.gradient.values == [0, 0])
    }

    @Test func maxPoolRoutesTheGradientToTheWinner() throws {
        var pool = try MaxPool2DLayer(kernelSize: 2, stride: 2)
        let input = Tensor(shape: [1, 1, 2, 4], values: [1, 9, 3, 4, 5, 2, 8, 7])
        #expect(try pool.forward(input).values == [9, 8])
        #expect(try pool.backward(Tensor(shape: [1, 1, 1, 2], values: [10, 20])).values == [0, 10, 0, 0, 0, 0, 20, 0])
    }

    @Test func averagePoolSpreadsOverTheCoveredCells() throws {
        var pool = try AveragePool2DLayer(kernelSize: 2, stride: 2, padding: .explicit(top: 1, left: 1, bottom: 0, right: 0))
        let input = Tensor(shape: [1, 1, 1, 3], values: [2, 4, 6])
        // Windows: column −1…0 covers [2]; columns 1…2 cover [4, 6].
        #expect(try pool.forward(input).values == [2, 5])
        #expect(try pool.backward(Tensor(shape: [1, 1, 1, 2], values: [1, 8])).values == [1, 4, 4])
    }

    /// Channel 0 holds 1, 3 over the batch: mean 2, biased variance 1, unbiased 2, normalised −1, 1; channel 1
    /// holds 4, 6: mean 5, the same variances. Decay 0.5 takes the running averages halfway from 0 and 1.
    @Test func batchNormStatisticsAndRunningAverages() throws {
        var norm = BatchNormLayer(channels: 2, epsilon: 0, averagingDecay: 0.5)
        norm.scale.value.values = [2, 1]
        norm.offset.value.values = [1, 0]
        let input = Tensor(shape: [2, 2], values: [1, 4, 3, 6])
        let y = try norm.forward(input)
        #expect(y.values == [-1, -1, 3, 1])
        #expect(norm.runningMean == [1, 2.5])
        #expect(norm.runningVariance == [1.5, 1.5])
        let inference = try norm.forward(input, mode: .inference)
        let affine = try norm.inferenceLayer().forward(input)
        #expect(maxAbsDifference(inference.values, affine.values) < 1e-6)
        // (1 − 1)·2/√1.5 + 1 = 1 for row 0, channel 0.
        #expect(abs(inference.values[0] - 1) < 1e-6)
        #expect(throws: EngineError.self) { try norm.backward(y) }
    }

    @Test func l2NormalizationGivesUnitRowsAndKeepsZeroRows() throws {
        var layer = L2NormalizeLayer()
        let y = try layer.forward(Tensor(shape: [2, 2], values: [3, 4, 0, 0]))
        #expect(maxAbsDifference(y.values, [0.6, 0.8, 0, 0]) < 1e-7)
    }

    @Test func backwardNeedsATrainingForward() throws {
        var generator = SeededGenerator(seed: 31)
        var dense = DenseLayer(inFeatures: 2, outFeatures: 2, using: &generator)
        let x = Tensor(shape: [1, 2], values: [1, 2])
        #expect(throws: EngineError.self) { try dense.backward(x) }
        _ = try dense.forward(x, mode: .inference)
        #expect(throws: EngineError.self) { try dense.backward(x) }
        _ = try dense.forward(x)
        #expect(throws: EngineError.self) { try dense.backward(Tensor(shape: [2, 2], repeating: 1)) }
    }

    @Test func heInitializationHasTheIntendedSpread() {
        var generator = SeededGenerator(seed: 32)
        let conv = Conv2DLayer(inChannels: 8, outChannels: 64, kernelSize: 3, using: &generator)
        let values = conv.weight.value.values.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        // 4608 draws of N(0, 2/72): the sample variance is within a few percent of 1/36.
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1.0 / 36) < 0.003)
        #expect(conv.bias!.value.values.allSatisfy { $0 == 0 })
        #expect(conv.parameterCount == 64 * 72 + 64)
    }

    @Test func sequentialNamesParametersByPosition() {
        var generator = SeededGenerator(seed: 33)
        let net = Sequential([
            DenseLayer(inFeatures: 2, outFeatures: 2, using: &generator), ReLULayer(),
            ResidualBlock(body: Sequential([BatchNormLayer(channels: 2)])),
        ])
        var names: [String] = []
        net.forEachParameter { name, _ in names.append(name) }
        #expect(names == ["0.weight", "0.bias", "2.body.0.scale", "2.body.0.offset"])
    }
}
