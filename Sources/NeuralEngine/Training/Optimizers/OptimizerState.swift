/// What an optimiser has accumulated about a model's parameters (momentum, moment estimates) and how many steps it
/// has taken: the part of a training run that a checkpoint must keep besides the model for a resumed run to
/// continue exactly where it stopped.
///
/// `buffers` are keyed `role/parameter name`, e.g. `velocity/3.weight` or `second/2.body.0.scale`.
public struct OptimizerState: Sendable, Equatable {
    public var stepCount: Int
    public var buffers: [String: [Float]]

    public init(stepCount: Int = 0, buffers: [String: [Float]] = [:]) {
        self.stepCount = stepCount
        self.buffers = buffers
    }

    /// Splits a key into its role and parameter name; nil when it has no `/`.
    static func split(_ key: String) -> (role: Substring, parameter: String)? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return (key[..<slash], String(key[key.index(after: slash)...]))
    }
}

extension EngineError {
    /// A saved optimiser state that does not belong to this optimiser.
    static func foreignOptimizerState(_ optimizer: String, key: String) -> EngineError {
        EngineError(optimizer, "saved state has an entry '\(key)' that this optimiser does not keep")
    }
}
