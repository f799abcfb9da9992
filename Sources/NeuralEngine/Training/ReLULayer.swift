/// `max(x, 0)`, element-wise; the gradient passes where the input was positive.
public struct ReLULayer: TrainableLayer {
    private var output: Tensor?

    public init() {}

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        let result = ReLU().forward(input)
        output = mode == .training ? result : nil
        return result
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let output else { throw .backwardWithoutForward("ReLULayer") }
        guard outputGradient.shape == output.shape else {
            throw .gradientShape("ReLULayer", got: outputGradient, expected: output.shape)
        }
        var gradient = outputGradient.values
        for i in gradient.indices where output.values[i] <= 0 { gradient[i] = 0 }
        return Tensor(shape: output.shape, values: gradient)
    }
}
