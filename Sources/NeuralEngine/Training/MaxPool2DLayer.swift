/// Max pooling over the spatial axes of an NCHW tensor; the gradient flows to the input that won each window
/// (the first one, on ties). Padded cells never win.
public struct MaxPool2DLayer: TrainableLayer {
    /// The window geometry, shared with the inference layer.
    public let pooling: Pool2D

    /// Where each output's maximum came from, as an index into the input; kept by training-mode passes.
    private var winners: [Int32] = []
    private var inputShape: [Int] = []

    public init(kernelSize: Int, stride: Int, padding: Padding2D = .none) throws(EngineError) {
        pooling = try Pool2D(kind: .max, kernelHeight: kernelSize, kernelWidth: kernelSize,
                             strideHeight: stride, strideWidth: stride, padding: padding)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 4 else { throw EngineError("MaxPool2DLayer", "expects an NCHW input, got \(input)") }
        let planes = input.shape[0] * input.shape[1], height = input.shape[2], width = input.shape[3]
        guard let (rows, columns) = pooling.windows(height: height, width: width) else {
            throw EngineError("MaxPool2DLayer", "a \(pooling.kernelHeight)×\(pooling.kernelWidth) window does not fit \(input)")
        }
        guard input.count <= Int(Int32.max) else { throw EngineError("MaxPool2DLayer", "\(input) is too large") }
        let outputCount = planes * rows.count * columns.count
        var winners = [Int32](repeating: 0, count: outputCount)
        let output = Tensor(shape: [input.shape[0], input.shape[1], rows.count, columns.count]) { out in
            input.values.withUnsafeBufferPointer { x in
                var o = 0
                for p in 0..<planes {
                    let planeStart = p * height * width
                    for r in rows {
                        for c in columns {
                            var best = -Float.infinity
                            var bestIndex = planeStart + r.start * width + c.start
                            for y in r.start..<r.end {
                                for xi in c.start..<c.end {
                                    let index = planeStart + y * width + xi
                                    if x[index] > best { best = x[index]; bestIndex = index }
                                }
                            }
                            out[o] = best
                            winners[o] = Int32(bestIndex)
                            o += 1
                        }
                    }
                }
            }
        }
        if mode == .training {
            self.winners = winners
            inputShape = input.shape
        } else {
            self.winners = []
            inputShape = []
        }
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard !inputShape.isEmpty else { throw .backwardWithoutForward("MaxPool2DLayer") }
        guard outputGradient.count == winners.count, outputGradient.shape.prefix(2) == inputShape.prefix(2) else {
            throw EngineError("MaxPool2DLayer", "output gradient \(outputGradient) does not match the output")
        }
        var gradient = [Float](repeating: 0, count: inputShape.reduce(1, *))
        for (o, index) in winners.enumerated() { gradient[Int(index)] += outputGradient.values[o] }
        return Tensor(shape: inputShape, values: gradient)
    }
}
