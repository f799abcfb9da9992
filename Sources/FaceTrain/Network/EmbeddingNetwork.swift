import NeuralEngine

/// The face-embedding network `facewatch train` trains: a small residual network sized for a CPU.
///
/// With the default shape (64×64 input, widths 32/64/128/256, 128-D) it has 1.97 M parameters and takes 0.086 G
/// multiply-adds per face:
///
///     stem     3×3 conv stride 2 → BN → PReLU                       32×32×32
///     stage 1  3×3 conv → BN → PReLU, 2×2 max pool, residual block  16×16×64
///     stage 2  3×3 conv stride 2 → BN → PReLU, residual block        8×8×128
///     stage 3  3×3 conv stride 2 → BN → PReLU, residual block        4×4×256
///     head     global average pool → dense (no bias) → BN            128
///
/// A residual block is x + BN(conv(PReLU(BN(conv(x))))) followed by PReLU. The head's output is the bottleneck
/// ("prelogits" in facenet): the center loss and the classifier read it as it is; the embedding is its L2
/// normalisation, which `embedder(_:)` appends for the triplet loss, evaluation and export.
public enum EmbeddingNetwork {
    /// The network up to the bottleneck, freshly initialised.
    public static func features(_ shape: EmbeddingNetworkShape, using generator: inout some RandomNumberGenerator) -> Sequential {
        precondition(shape.problem == nil, "EmbeddingNetwork: \(shape.problem ?? "")")
        let w = shape.widths
        var layers: [any TrainableLayer] = []
        layers += convolution(3, w[0], stride: 2, using: &generator)
        layers += convolution(w[0], w[1], stride: 1, using: &generator)
        layers.append(try! MaxPool2DLayer(kernelSize: 2, stride: 2))
        layers += residual(w[1], using: &generator)
        layers += convolution(w[1], w[2], stride: 2, using: &generator)
        layers += residual(w[2], using: &generator)
        layers += convolution(w[2], w[3], stride: 2, using: &generator)
        layers += residual(w[3], using: &generator)
        layers.append(GlobalAveragePoolLayer())
        layers.append(FlattenLayer())
        layers.append(DenseLayer(inFeatures: w[3], outFeatures: shape.embeddingSize, hasBias: false, using: &generator))
        layers.append(batchNorm(shape.embeddingSize))
        return Sequential(layers)
    }

    /// Multiply-adds of one image's forward pass through the convolutions and the dense layer (the rest is
    /// negligible); a training step costs about three times as much (forward, input and weight gradients).
    public static func multiplyAdds(_ shape: EmbeddingNetworkShape) -> Int {
        let w = shape.widths
        func area(_ divisor: Int) -> Int { (shape.inputSide / divisor) * (shape.inputSide / divisor) }
        let stem = area(2) * w[0] * 3 * 9
        let stage1 = area(2) * w[1] * w[0] * 9 + 2 * area(4) * w[1] * w[1] * 9
        let stage2 = area(8) * w[2] * w[1] * 9 + 2 * area(8) * w[2] * w[2] * 9
        let stage3 = area(16) * w[3] * w[2] * 9 + 2 * area(16) * w[3] * w[3] * 9
        return stem + stage1 + stage2 + stage3 + w[3] * shape.embeddingSize
    }

    /// `features` followed by L2 normalisation: the embedder that is evaluated and exported.
    public static func embedder(_ features: Sequential) -> Sequential {
        Sequential(features.layers + [L2NormalizeLayer()])
    }

    /// Batch normalisation with faster-moving running averages than facenet's 0.995, so that short runs evaluate
    /// with averages that have caught up with the weights.
    static func batchNorm(_ channels: Int) -> BatchNormLayer {
        BatchNormLayer(channels: channels, averagingDecay: 0.99)
    }

    private static func convolution(
        _ input: Int, _ output: Int, stride: Int, using generator: inout some RandomNumberGenerator
    ) -> [any TrainableLayer] {
        [
            Conv2DLayer(inChannels: input, outChannels: output, kernelSize: 3, stride: stride,
                        padding: .explicit(top: 1, left: 1, bottom: 1, right: 1), hasBias: false, using: &generator),
            batchNorm(output),
            PReLULayer(channels: output),
        ]
    }

    private static func residual(_ channels: Int, using generator: inout some RandomNumberGenerator) -> [any TrainableLayer] {
        let same = Padding2D.explicit(top: 1, left: 1, bottom: 1, right: 1)
        let body = Sequential([
            Conv2DLayer(inChannels: channels, outChannels: channels, kernelSize: 3, padding: same, hasBias: false,
                        using: &generator),
            batchNorm(channels),
            PReLULayer(channels: channels),
            Conv2DLayer(inChannels: channels, outChannels: channels, kernelSize: 3, padding: same, hasBias: false,
                        using: &generator),
            batchNorm(channels),
        ])
        return [ResidualBlock(body: body), PReLULayer(channels: channels)]
    }
}
