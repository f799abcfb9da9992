/// A trainable tensor together with the gradient accumulated for it since an optimiser last consumed it.
public struct Parameter: Sendable, Equatable {
    public var value: Tensor
    /// Same shape as `value`.
    public var gradient: Tensor
    /// Whether weight decay applies: true for convolution and dense weights; false for biases, batch-norm scales and
    /// offsets and PReLU slopes, as with facenet's regularisers (slim's `weights_regularizer` only).
    public let decays: Bool

    public init(_ value: Tensor, decays: Bool) {
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.decays = decays
    }

    public mutating func zeroGradient() {
        gradient.values.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
        }
    }

    /// Adds `values` (same count as the parameter) to the gradient.
    mutating func accumulate(_ values: [Float]) {
        precondition(values.count == gradient.count, "Parameter: \(values.count) gradient values for \(gradient)")
        gradient.values.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] += values[i] }
        }
    }
}
