import Foundation

/// Adam (Kingma & Ba), in the paper's form with bias-corrected moments:
///
///     m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²
///     w ← w − learningRate · m̂ / (√v̂ + ε),  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///
/// Weight decay applies to parameters that decay, in one of two ways: `.l2InGradient` adds `weightDecay·w` to g
/// before the moments (what facenet gets from TensorFlow's Adam with an L2 loss term); `.decoupled` is AdamW,
/// `w ← w − learningRate·weightDecay·w` beside the Adam step, so the decay is not rescaled by √v̂.
///
/// TensorFlow's `AdamOptimizer` adds its ε to √v rather than to √v̂, so a TensorFlow ε (facenet passes 0.1) acts
/// here like ε / √(1 − β₂ᵗ), which changes with t; the two agree only when ε is negligible.
public struct Adam: Optimizer {
    /// How weight decay enters the update.
    public enum WeightDecayMode: Sendable, Equatable {
        case l2InGradient
        case decoupled
    }

    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let weightDecayMode: WeightDecayMode
    /// Steps taken so far (t in the bias corrections).
    public private(set) var stepCount = 0

    private struct Moments {
        var first: [Float]
        var second: [Float]
    }
    private var moments: [String: Moments] = [:]

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                weightDecayMode: WeightDecayMode = .l2InGradient) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.weightDecayMode = weightDecayMode
    }

    public mutating func step<Model: TrainableLayer>(_ model: inout Model, learningRate: Float) {
        stepCount += 1
        let firstCorrection = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let secondCorrection = 1 - Float(pow(Double(beta2), Double(stepCount)))
        model.visitParameters { name, parameter in
            let count = parameter.value.count
            var state = moments[name] ?? Moments(first: [Float](repeating: 0, count: count),
                                                 second: [Float](repeating: 0, count: count))
            precondition(state.first.count == count, "Adam: parameter \(name) changed size")
            let decay = parameter.decays ? weightDecay : 0
            let gradientDecay = weightDecayMode == .l2InGradient ? decay : 0
            let decoupledDecay = weightDecayMode == .decoupled ? decay : 0
            for i in 0..<count {
                let w = parameter.value.values[i]
                let g = parameter.gradient.values[i] + gradientDecay * w
                state.first[i] = beta1 * state.first[i] + (1 - beta1) * g
                state.second[i] = beta2 * state.second[i] + (1 - beta2) * g * g
                let mHat = state.first[i] / firstCorrection
                let vHat = state.second[i] / secondCorrection
                parameter.value.values[i] = w - learningRate * (mHat / (vHat.squareRoot() + epsilon) + decoupledDecay * w)
            }
            moments[name] = state
            parameter.zeroGradient()
        }
    }
}
