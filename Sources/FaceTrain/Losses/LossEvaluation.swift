import NeuralEngine

/// A loss's value on a batch and its gradient with respect to the tensor it was computed from (the same shape),
/// ready for the model's backward pass.
public struct LossEvaluation: Sendable, Equatable {
    /// Accumulated in double precision, so that finite differences of it are meaningful.
    public var loss: Double
    public var gradient: Tensor

    public init(loss: Double, gradient: Tensor) {
        self.loss = loss
        self.gradient = gradient
    }
}
