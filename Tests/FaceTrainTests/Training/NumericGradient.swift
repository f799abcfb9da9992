import NeuralEngine

/// Central differences of a scalar function of a tensor, in double precision: each element moved by ±h in turn,
/// the denominator taken from the float values actually used.
func numericGradient(of function: (Tensor) throws -> Double, at x: Tensor, step: Float = 1e-3) rethrows -> [Double] {
    try (0..<x.count).map { i in
        var plus = x, minus = x
        plus.values[i] += step
        minus.values[i] -= step
        return (try function(plus) - function(minus)) / (Double(plus.values[i]) - Double(minus.values[i]))
    }
}

/// ‖a − b‖ / max(‖a‖, ‖b‖).
func relativeError(_ a: [Double], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    let difference = zip(a, b).reduce(0.0) { $0 + ($1.0 - Double($1.1)) * ($1.0 - Double($1.1)) }.squareRoot()
    let scale = max(a.reduce(0) { $0 + $1 * $1 }, b.reduce(0.0) { $0 + Double($1) * Double($1) }).squareRoot()
    return scale == 0 ? 0 : difference / scale
}

/// Values in −1…1 from a seeded generator.
func randomTensor(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
    Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1...1, using: &generator) })
}
