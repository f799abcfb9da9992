/// `[N, d1, d2, …]` → `[N, d1·d2·…]`, as between a convolutional trunk and a dense layer.
public struct FlattenLayer: TrainableLayer {
    private var inputShape: [Int] = []

    public init() {}

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank >= 1 else { throw EngineError("FlattenLayer", "cannot flatten a scalar") }
        inputShape = mode == .training ? input.shape : []
        return input.reshaped([input.shape[0], input.shape[1...].reduce(1, *)])
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard !inputShape.isEmpty else { throw .backwardWithoutForward("FlattenLayer") }
        let expected = [inputShape[0], inputShape[1...].reduce(1, *)]
        guard outputGradient.shape == expected else {
            throw .gradientShape("FlattenLayer", got: outputGradient, expected: expected)
        }
        return outputGradient.reshaped(inputShape)
    }
}
