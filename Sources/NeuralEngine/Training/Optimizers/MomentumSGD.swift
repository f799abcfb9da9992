/// Stochastic gradient descent with momentum, in TensorFlow's `MomentumOptimizer` form (which facenet uses):
///
///     g ← ∇ + weightDecay·w      (for parameters that decay)
///     v ← momentum·v + g
///     w ← w − learningRate·v
///
/// Weight decay enters as an L2 term in the gradient, the gradient of facenet's `weightDecay·‖w‖²/2`
/// regularisation loss. With momentum 0 it is plain SGD.
public struct MomentumSGD: Optimizer {
    public let momentum: Float
    public let weightDecay: Float

    private var velocities: [String: [Float]] = [:]

    public init(momentum: Float = 0.9, weightDecay: Float = 0) {
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step<Model: TrainableLayer>(_ model: inout Model, learningRate: Float) {
        model.visitParameters { name, parameter in
            let decay = parameter.decays ? weightDecay : 0
            var velocity = velocities[name] ?? [Float](repeating: 0, count: parameter.value.count)
            precondition(velocity.count == parameter.value.count, "MomentumSGD: parameter \(name) changed size")
            for i in velocity.indices {
                let gradient = parameter.gradient.values[i] + decay * parameter.value.values[i]
                velocity[i] = momentum * velocity[i] + gradient
                parameter.value.values[i] -= learningRate * velocity[i]
            }
            velocities[name] = velocity
            parameter.zeroGradient()
        }
    }
}
