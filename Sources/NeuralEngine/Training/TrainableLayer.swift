/// Whether a forward pass is part of training (layers keep what their backward pass needs, batch
/// normalisation uses the batch's statistics and updates its running averages) or only computes outputs.
public enum ForwardMode: Sendable, Equatable {
    case training
    case inference
}

/// A layer that learns by backpropagation.
///
/// A training step is `forward(_:mode: .training)`, then `backward(_:)` with the loss's gradient with respect to the
/// output, which returns the gradient with respect to the input and adds the parameters' gradients to
/// `Parameter.gradient` (so gradients of several backward passes accumulate until an optimiser consumes them).
/// A backward pass always refers to the latest training-mode forward pass; an inference-mode pass keeps nothing, so
/// embedding a large batch costs no memory for activations.
public protocol TrainableLayer: Sendable {
    /// The layer's output for `input`; in `.training` mode it also keeps what `backward(_:)` needs.
    mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor

    /// The gradient of the loss with respect to the latest training-mode input, given its gradient with respect to
    /// the output; adds the parameters' gradients to theirs.
    mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor

    /// Calls `visit` with each trainable parameter and a name unique within the layer (`weight`, `2.bias`), in an
    /// order that never changes for a given layer. Layers without parameters visit nothing.
    mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void)
}

extension TrainableLayer {
    /// A training-mode forward pass.
    public mutating func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        try forward(input, mode: .training)
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {}

    /// Sets every parameter's gradient to zero.
    public mutating func zeroGradients() {
        visitParameters { _, parameter in parameter.zeroGradient() }
    }

    /// Each trainable parameter with its name, read-only.
    public func forEachParameter(_ body: (_ name: String, _ parameter: Parameter) -> Void) {
        var copy = self
        copy.visitParameters { name, parameter in body(name, parameter) }
    }

    /// The number of trainable scalars.
    public var parameterCount: Int {
        var count = 0
        forEachParameter { _, parameter in count += parameter.value.count }
        return count
    }
}

extension EngineError {
    /// A backward pass asked of a layer whose latest forward pass was not a training-mode one.
    static func backwardWithoutForward(_ layer: String) -> EngineError {
        EngineError(layer, "backward pass without a training-mode forward pass before it")
    }

    /// An output gradient whose shape is not the output's.
    static func gradientShape(_ layer: String, got: Tensor, expected: [Int]) -> EngineError {
        EngineError(layer, "output gradient \(got) does not match the output's shape \(expected.map(String.init).joined(separator: "×"))")
    }
}
