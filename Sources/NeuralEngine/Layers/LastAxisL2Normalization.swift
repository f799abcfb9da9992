/// ONNX `LpNormalization` with p = 2 along the last axis: each row is divided by its Euclidean length; a row of
/// zeros stays zero (as onnxruntime leaves it).
public struct LastAxisL2Normalization: Sendable {
    public init() {}

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard input.rank >= 1, let width = input.shape.last, width > 0 else {
            throw EngineError("LpNormalization", "needs a non-empty last axis, got \(input)")
        }
        var values = input.values
        for start in stride(from: 0, to: values.count, by: width) {
            var squares = 0.0
            for i in start..<(start + width) { squares += Double(values[i]) * Double(values[i]) }
            guard squares > 0 else { continue }
            let length = Float(squares.squareRoot())
            for i in start..<(start + width) { values[i] /= length }
        }
        return Tensor(shape: input.shape, values: values)
    }
}
