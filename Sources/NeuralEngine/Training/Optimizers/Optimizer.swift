/// Updates a model's parameters from their accumulated gradients.
///
/// Per-parameter state (momentum, moment estimates) is kept by parameter name, so one optimiser belongs to one
/// model. `step` consumes the gradients: they are zero afterwards, ready for the next batch.
public protocol Optimizer: Sendable {
    mutating func step<Model: TrainableLayer>(_ model: inout Model, learningRate: Float)
}
