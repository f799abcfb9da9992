import NeuralEngine

/// A small network with every exportable layer, its weights random and its batch-norm running averages moved by
/// one training step, so an export has something non-trivial to reproduce.
enum ExportSampleNetwork {
    static let side = 12

    static func trained(seed: UInt64) throws -> Sequential {
        var random = SeededGenerator(seed: seed)
        var network = Sequential([
            Conv2DLayer(inChannels: 3, outChannels: 4, kernelSize: 3, padding: .same(extraAtEnd: true), hasBias: false,
                        using: &random),
            BatchNormLayer(channels: 4),
            PReLULayer(channels: 4),
            try MaxPool2DLayer(kernelSize: 2, stride: 2),
            ResidualBlock(body: Sequential([
                Conv2DLayer(inChannels: 4, outChannels: 4, kernelSize: 3, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1),
                            hasBias: false, using: &random),
                BatchNormLayer(channels: 4),
                ReLULayer(),
            ])),
            ReLULayer(),
            try AveragePool2DLayer(kernelSize: 3, stride: 1, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1)),
            ResidualBlock(
                body: Sequential([
                    Conv2DLayer(inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: .same(extraAtEnd: false),
                                using: &random),
                    BatchNormLayer(channels: 6),
                ]),
                shortcut: Sequential([Conv2DLayer(inChannels: 4, outChannels: 6, kernelSize: 1, stride: 2, using: &random)])),
            GlobalAveragePoolLayer(),
            FlattenLayer(),
            DenseLayer(inFeatures: 6, outFeatures: 5, using: &random),
            BatchNormLayer(channels: 5),
            PReLULayer(channels: 5),
            DenseLayer(inFeatures: 5, outFeatures: 8, hasBias: false, using: &random),
            L2NormalizeLayer(),
        ])
        let batch = randomTensor([4, 3, side, side], using: &random)
        let output = try network.forward(batch, mode: .training)
        _ = try network.backward(randomTensor(output.shape, using: &random))
        var optimizer = MomentumSGD(momentum: 0.9)
        optimizer.step(&network, learningRate: 0.05)
        return network
    }

    static func randomTensor(_ shape: [Int], using random: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1...1, using: &random) })
    }
}
