/// Average pooling over the spatial axes of an NCHW tensor. A window that overlaps the padding averages only the
/// input cells it covers (TensorFlow's `SAME` behaviour), so each cell's gradient is the window's gradient over
/// that count.
public struct AveragePool2DLayer: TrainableLayer {
    /// The window geometry, shared with the inference layer.
    public let pooling: Pool2D

    private var inputShape: [Int] = []

    public init(kernelSize: Int, stride: Int, padding: Padding2D = .none) throws(EngineError) {
        pooling = try Pool2D(kind: .average(countPadding: false), kernelHeight: kernelSize, kernelWidth: kernelSize,
                             strideHeight: stride, strideWidth: stride, padding: padding)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 4, pooling.windows(height: input.shape[2], width: input.shape[3]) != nil else {
            throw EngineError("AveragePool2DLayer", "a \(pooling.kernelHeight)×\(pooling.kernelWidth) window does not fit \(input)")
        }
        inputShape = mode == .training ? input.shape : []
        return try pooling.forward(input)
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard !inputShape.isEmpty, let (rows, columns) = pooling.windows(height: inputShape[2], width: inputShape[3]) else {
            throw .backwardWithoutForward("AveragePool2DLayer")
        }
        let expected = [inputShape[0], inputShape[1], rows.count, columns.count]
        guard outputGradient.shape == expected else {
            throw .gradientShape("AveragePool2DLayer", got: outputGradient, expected: expected)
        }
        let height = inputShape[2], width = inputShape[3]
        var gradient = [Float](repeating: 0, count: inputShape.reduce(1, *))
        gradient.withUnsafeMutableBufferPointer { dx in
            var o = 0
            for p in 0..<(inputShape[0] * inputShape[1]) {
                let plane = dx.baseAddress! + p * height * width
                for r in rows {
                    for c in columns {
                        let area = (r.end - r.start) * (c.end - c.start)
                        let share = area > 0 ? outputGradient.values[o] / Float(area) : 0
                        for y in r.start..<r.end {
                            for x in c.start..<c.end { plane[y * width + x] += share }
                        }
                        o += 1
                    }
                }
            }
        }
        return Tensor(shape: inputShape, values: gradient)
    }
}

/// The average of each channel over all its pixels, `[N, C, H, W]` → `[N, C, 1, 1]`: the usual head of a
/// convolutional embedder before the dense layer.
public struct GlobalAveragePoolLayer: TrainableLayer {
    private var inputShape: [Int] = []

    public init() {}

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 4 else { throw EngineError("GlobalAveragePoolLayer", "expects an NCHW input, got \(input)") }
        inputShape = mode == .training ? input.shape : []
        return try GlobalAveragePool().forward(input)
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard !inputShape.isEmpty else { throw .backwardWithoutForward("GlobalAveragePoolLayer") }
        let expected = [inputShape[0], inputShape[1], 1, 1]
        guard outputGradient.shape == expected else {
            throw .gradientShape("GlobalAveragePoolLayer", got: outputGradient, expected: expected)
        }
        let area = inputShape[2] * inputShape[3]
        let shape = inputShape
        return Tensor(shape: shape) { dx in
            for p in 0..<(shape[0] * shape[1]) {
                let share = outputGradient.values[p] / Float(area)
                (dx.baseAddress! + p * area).initialize(repeating: share, count: area)
            }
        }
    }
}
