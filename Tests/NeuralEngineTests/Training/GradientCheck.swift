import NeuralEngine

/// Central-difference checks of a layer's backward pass.
///
/// The scalar checked is L = Σ r·y over the layer's output y, with r fixed random weights, accumulated in double
/// precision; its gradient with respect to the output is r, which is what `backward` receives. Each input and
/// parameter element is moved by ±h in turn and (L₊ − L₋) / (x₊ − x₋) compared with the backward pass, the
/// denominator taken from the float values actually used so that their rounding does not count as error.
struct GradientCheck {
    /// ‖numeric − analytic‖ / max(‖numeric‖, ‖analytic‖) for the input and for each parameter by name.
    var inputError: Double
    var parameterErrors: [String: Double]
    /// Euclidean lengths of the analytic gradients, to make sure the check did not compare zeros.
    var inputGradientNorm: Double
    var parameterGradientNorms: [String: Double]

    var worstError: Double { ([inputError] + Array(parameterErrors.values)).max()! }

    init<Layer: TrainableLayer>(_ layer: Layer, input: Tensor, step: Float = 1e-2, seed: UInt64 = 1) throws {
        var probe = SeededValues(seed: seed)
        var forwardOnly = layer
        let outputShape = try forwardOnly.forward(input, mode: .training).shape
        let weights = Tensor(shape: outputShape, values: probe.values(outputShape.reduce(1, *)))

        func objective(_ layer: Layer, _ x: Tensor) throws -> Double {
            var copy = layer
            let y = try copy.forward(x, mode: .training)
            return zip(y.values, weights.values).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }

        var analytic = layer
        _ = try analytic.forward(input, mode: .training)
        analytic.zeroGradients()
        let inputGradient = try analytic.backward(weights)

        var numericInput = [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            var plus = input, minus = input
            plus.values[i] += step
            minus.values[i] -= step
            let span = Double(plus.values[i]) - Double(minus.values[i])
            numericInput[i] = (try objective(layer, plus) - objective(layer, minus)) / span
        }
        inputError = Self.relativeError(numericInput, inputGradient.values.map(Double.init))
        inputGradientNorm = Self.norm(inputGradient.values.map(Double.init))

        var errors: [String: Double] = [:], norms: [String: Double] = [:]
        var names: [String] = []
        layer.forEachParameter { name, _ in names.append(name) }
        for name in names {
            var analyticGradient: [Double] = []
            analytic.forEachParameter { other, parameter in
                if other == name { analyticGradient = parameter.gradient.values.map(Double.init) }
            }
            var numeric = [Double](repeating: 0, count: analyticGradient.count)
            for i in numeric.indices {
                var plus = layer, minus = layer
                var span = 0.0
                plus.visitParameters { other, parameter in
                    if other == name { parameter.value.values[i] += step; span += Double(parameter.value.values[i]) }
                }
                minus.visitParameters { other, parameter in
                    if other == name { parameter.value.values[i] -= step; span -= Double(parameter.value.values[i]) }
                }
                numeric[i] = (try objective(plus, input) - objective(minus, input)) / span
            }
            errors[name] = Self.relativeError(numeric, analyticGradient)
            norms[name] = Self.norm(analyticGradient)
        }
        parameterErrors = errors
        parameterGradientNorms = norms
    }

    static func norm(_ a: [Double]) -> Double { a.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        let difference = norm(zip(a, b).map { $0 - $1 })
        let scale = max(norm(a), norm(b))
        return scale == 0 ? 0 : difference / scale
    }
}

/// Inputs for piecewise-linear layers (ReLU, PReLU, max pooling): distinct values at least 0.05 apart and at least
/// 0.025 away from zero, in random order, so that a ±0.01 step never crosses a kink or changes a maximum.
func kinkFreeValues(_ count: Int, seed: UInt64) -> [Float] {
    var order = SeededValues(seed: seed)
    let grid = (0..<count).map { i -> Float in
        let magnitude = 0.025 + Float(i / 2) * 0.05
        return i % 2 == 0 ? magnitude : -magnitude
    }
    let keys = order.values(count)
    return zip(keys, grid).sorted { $0.0 < $1.0 }.map(\.1)
}
