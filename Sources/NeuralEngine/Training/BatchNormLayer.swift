/// Batch normalisation over axis 1 of `[N, C]` or `[N, C, H, W]`: each channel is normalised over the batch and
/// the spatial axes, then scaled and offset by learned `scale` (γ) and `offset` (β).
///
/// In training mode it uses the batch's mean and (biased) variance, and moves the running averages towards them:
/// `running ← decay·running + (1 − decay)·batch`, the variance entering with Bessel's correction m/(m − 1) for m
/// values per channel (as TensorFlow does). In inference mode it uses the running averages. The defaults, decay
/// 0.995 and ε = 0.001, are facenet's.
public struct BatchNormLayer: TrainableLayer {
    /// γ, `[channels]`, starting at 1.
    public var scale: Parameter
    /// β, `[channels]`, starting at 0.
    public var offset: Parameter
    public var runningMean: [Float]
    public var runningVariance: [Float]
    public let epsilon: Float
    public let averagingDecay: Float

    private struct Cache {
        var normalized: Tensor
        var inverseDeviation: [Float]
    }
    private var cache: Cache?

    public init(channels: Int, epsilon: Float = 1e-3, averagingDecay: Float = 0.995) {
        scale = Parameter(Tensor(shape: [channels], repeating: 1), decays: false)
        offset = Parameter(Tensor(shape: [channels]), decays: false)
        runningMean = [Float](repeating: 0, count: channels)
        runningVariance = [Float](repeating: 1, count: channels)
        self.epsilon = epsilon
        self.averagingDecay = averagingDecay
    }

    public var channels: Int { scale.value.count }

    /// Inference-mode normalisation folded into a per-channel scale and shift.
    public func inferenceLayer() throws(EngineError) -> ChannelAffine {
        try ChannelAffine(gamma: scale.value.values, beta: offset.value.values, mean: runningMean,
                          variance: runningVariance, epsilon: epsilon)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank >= 2, input.shape[1] == channels else {
            throw EngineError("BatchNormLayer", "expects \(channels) channels on axis 1, got \(input)")
        }
        if mode == .inference {
            cache = nil
            return try inferenceLayer().forward(input)
        }
        let batch = input.shape[0], inner = input.shape[2...].reduce(1, *)
        let perChannel = batch * inner
        guard perChannel > 0 else { throw EngineError("BatchNormLayer", "no values to normalise in \(input)") }
        var normalized = [Float](repeating: 0, count: input.count)
        var output = [Float](repeating: 0, count: input.count)
        var inverseDeviation = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            var sum = 0.0
            forEachIndex(channel: c, batch: batch, inner: inner) { sum += Double(input.values[$0]) }
            let mean = sum / Double(perChannel)
            var squares = 0.0
            forEachIndex(channel: c, batch: batch, inner: inner) {
                let d = Double(input.values[$0]) - mean
                squares += d * d
            }
            let variance = squares / Double(perChannel)
            let inverse = 1 / (variance + Double(epsilon)).squareRoot()
            inverseDeviation[c] = Float(inverse)
            let gamma = scale.value.values[c], beta = offset.value.values[c]
            forEachIndex(channel: c, batch: batch, inner: inner) {
                let n = Float((Double(input.values[$0]) - mean) * inverse)
                normalized[$0] = n
                output[$0] = gamma * n + beta
            }
            let unbiased = perChannel > 1 ? variance * Double(perChannel) / Double(perChannel - 1) : variance
            runningMean[c] = averagingDecay * runningMean[c] + (1 - averagingDecay) * Float(mean)
            runningVariance[c] = averagingDecay * runningVariance[c] + (1 - averagingDecay) * Float(unbiased)
        }
        cache = Cache(normalized: Tensor(shape: input.shape, values: normalized), inverseDeviation: inverseDeviation)
        return Tensor(shape: input.shape, values: output)
    }

    /// dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), the means taken per channel.
    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let cache else { throw .backwardWithoutForward("BatchNormLayer") }
        let shape = cache.normalized.shape
        guard outputGradient.shape == shape else {
            throw .gradientShape("BatchNormLayer", got: outputGradient, expected: shape)
        }
        let batch = shape[0], inner = shape[2...].reduce(1, *)
        let perChannel = Double(batch * inner)
        let dy = outputGradient.values, xHat = cache.normalized.values
        var gradient = [Float](repeating: 0, count: dy.count)
        var scaleGradient = [Float](repeating: 0, count: channels)
        var offsetGradient = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            var sum = 0.0, weighted = 0.0
            forEachIndex(channel: c, batch: batch, inner: inner) {
                sum += Double(dy[$0])
                weighted += Double(dy[$0]) * Double(xHat[$0])
            }
            offsetGradient[c] = Float(sum)
            scaleGradient[c] = Float(weighted)
            let factor = Double(scale.value.values[c]) * Double(cache.inverseDeviation[c])
            let meanGradient = sum / perChannel, meanWeighted = weighted / perChannel
            forEachIndex(channel: c, batch: batch, inner: inner) {
                gradient[$0] = Float(factor * (Double(dy[$0]) - meanGradient - Double(xHat[$0]) * meanWeighted))
            }
        }
        scale.accumulate(scaleGradient)
        offset.accumulate(offsetGradient)
        return Tensor(shape: shape, values: gradient)
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        visit("scale", &scale)
        visit("offset", &offset)
    }

    private func forEachIndex(channel: Int, batch: Int, inner: Int, _ body: (Int) -> Void) {
        for n in 0..<batch {
            let start = (n * channels + channel) * inner
            for i in start..<(start + inner) { body(i) }
        }
    }
}
