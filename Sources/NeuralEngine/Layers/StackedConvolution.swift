extension Conv2D {
    /// One convolution computing this one's output channels followed by `other`'s, when both have the same
    /// geometry (so two convolutions of the same input read it once); nil when they differ.
    func stacked(with other: Conv2D) -> Conv2D? {
        guard inChannels == other.inChannels, groups == 1, other.groups == 1,
              kernelHeight == other.kernelHeight, kernelWidth == other.kernelWidth,
              strideHeight == other.strideHeight, strideWidth == other.strideWidth,
              dilationHeight == other.dilationHeight, dilationWidth == other.dilationWidth,
              padding == other.padding else { return nil }
        let bias: [Float]? = bias == nil && other.bias == nil ? nil
            : (bias ?? [Float](repeating: 0, count: outChannels)) + (other.bias ?? [Float](repeating: 0, count: other.outChannels))
        return try? Conv2D(weights: weights + other.weights, bias: bias, outChannels: outChannels + other.outChannels,
                           inChannels: inChannels, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                           strideHeight: strideHeight, strideWidth: strideWidth,
                           dilationHeight: dilationHeight, dilationWidth: dilationWidth, padding: padding)
    }
}

extension Layout {
    /// Splits an `[N, C, …]` tensor along the channel axis into parts of `counts` channels (summing to C).
    static func splitChannels(_ input: Tensor, counts: [Int]) -> [Tensor] {
        let batch = input.shape[0], channels = input.shape[1]
        let plane = input.shape[2...].reduce(1, *)
        precondition(counts.reduce(0, +) == channels)
        var first = 0
        return counts.map { count in
            defer { first += count }
            var shape = input.shape
            shape[1] = count
            return Tensor(shape: shape) { out in
                input.values.withUnsafeBufferPointer { src in
                    for n in 0..<batch {
                        (out.baseAddress! + n * count * plane)
                            .update(from: src.baseAddress! + (n * channels + first) * plane, count: count * plane)
                    }
                }
            }
        }
    }
}
