/// Leaky ReLU with one learned slope per channel (axis 1 of `[N, C]` or `[N, C, H, W]`): `x` where positive,
/// `slope[c]·x` elsewhere. Slopes start at 0.25, as in He et al.'s PReLU paper.
public struct PReLULayer: TrainableLayer {
    /// `[channels]`.
    public var slope: Parameter

    private var input: Tensor?

    public init(channels: Int, initialSlope: Float = 0.25) {
        slope = Parameter(Tensor(shape: [channels], repeating: initialSlope), decays: false)
    }

    /// The same activation as an inference layer (slopes shaped `[C, 1, 1]` for images, `[C]` for vectors).
    public func inferenceLayer(forRank rank: Int) -> PReLU {
        let shape = [slope.value.count] + Array(repeating: 1, count: max(0, rank - 2))
        return PReLU(slope: slope.value.reshaped(shape))
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        let channels = slope.value.count
        guard input.rank >= 2, input.shape[1] == channels else {
            throw EngineError("PReLULayer", "expects \(channels) channels on axis 1, got \(input)")
        }
        self.input = mode == .training ? input : nil
        let inner = input.shape[2...].reduce(1, *)
        var values = input.values
        var i = 0
        for _ in 0..<input.shape[0] {
            for c in 0..<channels {
                let a = slope.value.values[c]
                for _ in 0..<inner {
                    if values[i] < 0 { values[i] *= a }
                    i += 1
                }
            }
        }
        return Tensor(shape: input.shape, values: values)
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let input else { throw .backwardWithoutForward("PReLULayer") }
        guard outputGradient.shape == input.shape else {
            throw .gradientShape("PReLULayer", got: outputGradient, expected: input.shape)
        }
        let channels = slope.value.count
        let inner = input.shape[2...].reduce(1, *)
        var gradient = outputGradient.values
        var slopeGradient = [Float](repeating: 0, count: channels)
        var i = 0
        for _ in 0..<input.shape[0] {
            for c in 0..<channels {
                let a = slope.value.values[c]
                for _ in 0..<inner {
                    let x = input.values[i]
                    if x < 0 {
                        slopeGradient[c] += x * gradient[i]
                        gradient[i] *= a
                    }
                    i += 1
                }
            }
        }
        slope.accumulate(slopeGradient)
        return Tensor(shape: input.shape, values: gradient)
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        visit("slope", &slope)
    }
}
