/// Element-wise arithmetic between two tensors, with broadcasting.
public struct Elementwise: Sendable {
    public enum Operation: String, Sendable {
        case add = "Add", subtract = "Sub", multiply = "Mul", divide = "Div"
    }

    public let operation: Operation

    public init(_ operation: Operation) { self.operation = operation }

    public func forward(_ a: Tensor, _ b: Tensor) throws(EngineError) -> Tensor {
        switch operation {
        case .add: try Broadcast.apply(a, b, name: operation.rawValue, +)
        case .subtract: try Broadcast.apply(a, b, name: operation.rawValue, -)
        case .multiply: try Broadcast.apply(a, b, name: operation.rawValue, *)
        case .divide: try Broadcast.apply(a, b, name: operation.rawValue, /)
        }
    }
}

/// A per-channel affine map `y = scale[c]·x + shift[c]` on NC… tensors: batch normalisation at inference,
/// once its statistics are folded in.
public struct ChannelAffine: Sendable {
    public let scale: [Float]
    public let shift: [Float]

    public init(scale: [Float], shift: [Float]) throws(EngineError) {
        guard scale.count == shift.count else {
            throw EngineError("ChannelAffine", "\(scale.count) scales but \(shift.count) shifts")
        }
        self.scale = scale
        self.shift = shift
    }

    /// Folds inference-time batch normalisation into a scale and a shift.
    public init(gamma: [Float], beta: [Float], mean: [Float], variance: [Float], epsilon: Float) throws(EngineError) {
        let c = gamma.count
        guard beta.count == c, mean.count == c, variance.count == c else {
            throw EngineError("BatchNormalization", "parameter lengths differ: \(c), \(beta.count), \(mean.count), \(variance.count)")
        }
        var scale = [Float](repeating: 0, count: c), shift = scale
        for i in 0..<c {
            scale[i] = gamma[i] / (variance[i] + epsilon).squareRoot()
            shift[i] = beta[i] - mean[i] * scale[i]
        }
        try self.init(scale: scale, shift: shift)
    }

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard input.rank >= 2, input.shape[1] == scale.count else {
            throw EngineError("ChannelAffine", "expects \(scale.count) channels on axis 1, got \(input)")
        }
        let channels = scale.count
        let inner = input.shape[2...].reduce(1, *)
        var values = input.values
        values.withUnsafeMutableBufferPointer { v in
            var i = 0
            for _ in 0..<input.shape[0] {
                for c in 0..<channels {
                    let s = scale[c], t = shift[c]
                    for _ in 0..<inner { v[i] = v[i] * s + t; i += 1 }
                }
            }
        }
        return Tensor(shape: input.shape, values: values)
    }
}
