import Testing
@testable import NeuralEngine

/// Every trainable layer's backward pass against central differences (see `GradientCheck`), on tiny random tensors.
@Suite struct LayerGradientTests {
    static let tolerance = 1e-3

    private func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var values = SeededValues(seed: seed)
        return Tensor(shape: shape, values: values.values(shape.reduce(1, *)))
    }

    private func expectPasses(_ check: GradientCheck, parameters: Set<String>, tolerance: Double = tolerance) {
        #expect(check.inputError < tolerance, "input gradient error \(check.inputError)")
        #expect(check.inputGradientNorm > 0)
        #expect(Set(check.parameterErrors.keys) == parameters)
        for (name, error) in check.parameterErrors {
            #expect(error < tolerance, "\(name) gradient error \(error)")
            #expect(check.parameterGradientNorms[name]! > 0, "\(name) has no gradient")
        }
    }

    @Test func convolutionWithPaddingAndBias() throws {
        var generator = SeededGenerator(seed: 1)
        let conv = Conv2DLayer(inChannels: 2, outChannels: 3, kernelSize: 3,
                               padding: .explicit(top: 1, left: 1, bottom: 1, right: 1), using: &generator)
        expectPasses(try GradientCheck(conv, input: random([2, 2, 5, 4], seed: 2)), parameters: ["weight", "bias"])
    }

    @Test func stridedConvolutionWithSamePaddingAndNoBias() throws {
        var generator = SeededGenerator(seed: 3)
        let conv = Conv2DLayer(inChannels: 3, outChannels: 2, kernelSize: 3, stride: 2,
                               padding: .same(extraAtEnd: true), hasBias: false, using: &generator)
        expectPasses(try GradientCheck(conv, input: random([2, 3, 6, 5], seed: 4)), parameters: ["weight"])
    }

    @Test func rectangularKernelWithUnevenStrides() throws {
        let weight = random([2, 1, 2, 3], seed: 5)
        let conv = try Conv2DLayer(weight: weight, bias: random([2], seed: 6), stride: (height: 1, width: 2),
                                   padding: .explicit(top: 0, left: 1, bottom: 1, right: 0))
        expectPasses(try GradientCheck(conv, input: random([1, 1, 4, 6], seed: 7)), parameters: ["weight", "bias"])
    }

    @Test func maxPooling() throws {
        let input = Tensor(shape: [2, 2, 4, 5], values: kinkFreeValues(80, seed: 8))
        expectPasses(try GradientCheck(try MaxPool2DLayer(kernelSize: 2, stride: 2), input: input), parameters: [])
        let overlapping = try MaxPool2DLayer(kernelSize: 3, stride: 2, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1))
        expectPasses(try GradientCheck(overlapping, input: input), parameters: [])
    }

    @Test func averagePooling() throws {
        let input = random([2, 2, 5, 5], seed: 9)
        expectPasses(try GradientCheck(try AveragePool2DLayer(kernelSize: 2, stride: 2), input: input), parameters: [])
        let padded = try AveragePool2DLayer(kernelSize: 3, stride: 2, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1))
        expectPasses(try GradientCheck(padded, input: input), parameters: [])
        expectPasses(try GradientCheck(GlobalAveragePoolLayer(), input: input), parameters: [])
    }

    @Test func relu() throws {
        let input = Tensor(shape: [2, 3, 2, 2], values: kinkFreeValues(24, seed: 10))
        expectPasses(try GradientCheck(ReLULayer(), input: input), parameters: [])
    }

    @Test func preluOnImagesAndVectors() throws {
        var prelu = PReLULayer(channels: 3)
        prelu.slope.value.values = [0.25, -0.5, 1.5]
        let images = Tensor(shape: [2, 3, 2, 2], values: kinkFreeValues(24, seed: 11))
        expectPasses(try GradientCheck(prelu, input: images), parameters: ["slope"])
        let vectors = Tensor(shape: [4, 3], values: kinkFreeValues(12, seed: 12))
        expectPasses(try GradientCheck(prelu, input: vectors), parameters: ["slope"])
    }

    @Test func batchNormalizationInTrainingMode() throws {
        var norm = BatchNormLayer(channels: 3)
        norm.scale.value.values = [1.5, -0.5, 0.8]
        norm.offset.value.values = [0.1, 0.2, -0.3]
        expectPasses(try GradientCheck(norm, input: random([3, 3, 2, 2], seed: 13)), parameters: ["scale", "offset"])
        expectPasses(try GradientCheck(norm, input: random([5, 3], seed: 14)), parameters: ["scale", "offset"])
    }

    @Test func dense() throws {
        var generator = SeededGenerator(seed: 15)
        let dense = DenseLayer(inFeatures: 5, outFeatures: 3, using: &generator)
        expectPasses(try GradientCheck(dense, input: random([4, 5], seed: 16)), parameters: ["weight", "bias"])
        let noBias = DenseLayer(inFeatures: 5, outFeatures: 3, hasBias: false, using: &generator)
        expectPasses(try GradientCheck(noBias, input: random([4, 5], seed: 17)), parameters: ["weight"])
    }

    @Test func flatten() throws {
        expectPasses(try GradientCheck(FlattenLayer(), input: random([2, 3, 2, 2], seed: 18)), parameters: [])
    }

    @Test func l2Normalization() throws {
        expectPasses(try GradientCheck(L2NormalizeLayer(), input: random([3, 4], seed: 19), step: 1e-3), parameters: [])
    }

    /// The convolutions before batch normalisation have no bias: the normalisation cancels any per-channel constant,
    /// so a bias there would get a zero gradient.
    @Test func sequentialNetwork() throws {
        var generator = SeededGenerator(seed: 20)
        let net = Sequential([
            Conv2DLayer(inChannels: 1, outChannels: 2, kernelSize: 3, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1),
                        hasBias: false, using: &generator),
            BatchNormLayer(channels: 2),
            PReLULayer(channels: 2),
            try AveragePool2DLayer(kernelSize: 2, stride: 2),
            FlattenLayer(),
            DenseLayer(inFeatures: 8, outFeatures: 3, using: &generator),
            L2NormalizeLayer(),
        ])
        let check = try GradientCheck(net, input: random([3, 1, 4, 4], seed: 21), step: 1e-3)
        expectPasses(check, parameters: ["0.weight", "1.scale", "1.offset", "2.slope", "5.weight", "5.bias"])
    }

    @Test func residualBlockWithProjection() throws {
        var generator = SeededGenerator(seed: 22)
        let block = ResidualBlock(
            body: Sequential([
                Conv2DLayer(inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: .same(extraAtEnd: true),
                            hasBias: false, using: &generator),
                BatchNormLayer(channels: 3),
            ]),
            shortcut: Sequential([
                Conv2DLayer(inChannels: 2, outChannels: 3, kernelSize: 1, stride: 2, hasBias: false, using: &generator),
            ]))
        let check = try GradientCheck(block, input: random([2, 2, 4, 4], seed: 23))
        expectPasses(check, parameters: ["body.0.weight", "body.1.scale", "body.1.offset", "shortcut.0.weight"])
        let identity = ResidualBlock(body: Sequential([
            Conv2DLayer(inChannels: 2, outChannels: 2, kernelSize: 3, padding: .same(extraAtEnd: true), using: &generator),
        ]))
        expectPasses(try GradientCheck(identity, input: random([1, 2, 3, 3], seed: 24)), parameters: ["body.0.weight", "body.0.bias"])
    }
}
