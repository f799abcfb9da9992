/// Divides each row of `[N, D]` by its Euclidean length, as facenet does to its embeddings before the triplet
/// loss: y = x / √max(‖x‖², ε) with ε = 1e-10 (TensorFlow's `l2_normalize`), so a zero row stays zero.
///
/// Backward: dx = (dy − y·⟨y, dy⟩) / ‖x‖ where the length exceeds √ε; below it the map is the linear x/√ε.
public struct L2NormalizeLayer: TrainableLayer {
    public let epsilon: Float

    private struct Cache {
        var output: Tensor
        var lengths: [Float]
        var clamped: [Bool]
    }
    private var cache: Cache?

    public init(epsilon: Float = 1e-10) { self.epsilon = epsilon }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 2 else { throw EngineError("L2NormalizeLayer", "expects [N, D] rows, got \(input)") }
        let rows = input.shape[0], width = input.shape[1]
        var values = input.values
        var lengths = [Float](repeating: 0, count: rows), clamped = [Bool](repeating: false, count: rows)
        for r in 0..<rows {
            var squares = 0.0
            for i in (r * width)..<((r + 1) * width) { squares += Double(values[i]) * Double(values[i]) }
            clamped[r] = squares < Double(epsilon)
            let length = Float(max(squares, Double(epsilon)).squareRoot())
            lengths[r] = length
            for i in (r * width)..<((r + 1) * width) { values[i] /= length }
        }
        let output = Tensor(shape: input.shape, values: values)
        cache = mode == .training ? Cache(output: output, lengths: lengths, clamped: clamped) : nil
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let cache else { throw .backwardWithoutForward("L2NormalizeLayer") }
        let shape = cache.output.shape
        guard outputGradient.shape == shape else {
            throw .gradientShape("L2NormalizeLayer", got: outputGradient, expected: shape)
        }
        let width = shape[1]
        let y = cache.output.values
        var gradient = outputGradient.values
        for r in 0..<shape[0] {
            let range = (r * width)..<((r + 1) * width)
            var projection = 0.0
            if !cache.clamped[r] {
                for i in range { projection += Double(y[i]) * Double(gradient[i]) }
            }
            for i in range {
                gradient[i] = Float((Double(gradient[i]) - Double(y[i]) * projection) / Double(cache.lengths[r]))
            }
        }
        return Tensor(shape: shape, values: gradient)
    }
}
