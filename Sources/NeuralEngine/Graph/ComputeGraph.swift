/// A network ready to run: named inputs, a topologically ordered list of steps, named outputs.
///
/// A graph is an immutable value; `run` may be called from several threads at once.
public struct ComputeGraph: Sendable {
    /// One operation of the network, reading and writing values by slot number.
    struct Step: Sendable {
        let node: String
        let operation: String
        var inputs: [Int]
        let outputs: [Int]
        let run: @Sendable ([Tensor]) throws(EngineError) -> [Tensor]
        /// Multiply–adds the step performs on these inputs, for steps that do heavy arithmetic.
        let cost: (@Sendable ([Tensor]) -> Int)?
        /// Whether the step takes a batch-interleaved input and returns its output in that layout (see
        /// `BatchInterleaving`).
        var acceptsInterleavedBatch = false
        /// For a Transpose, its permutation of the axes.
        var permutation: [Int]? = nil
    }

    /// Where the graph came from, used to name it in errors (a file name, usually).
    public let source: String
    public let inputNames: [String]
    public let outputNames: [String]
    let inputSlots: [Int]
    let outputSlots: [Int]
    let constants: [(slot: Int, value: Tensor)]
    let slotCount: Int
    let steps: [Step]
    /// For each step, the slots whose last reader it is (their memory is released after it runs).
    let releases: [[Int]]

    init(source: String, inputNames: [String], inputSlots: [Int], outputNames: [String], outputSlots: [Int],
         constants: [(slot: Int, value: Tensor)], slotCount: Int, steps: [Step]) {
        self.source = source
        self.inputNames = inputNames
        self.inputSlots = inputSlots
        self.outputNames = outputNames
        self.outputSlots = outputSlots
        self.constants = constants
        self.slotCount = slotCount
        self.steps = steps
        var lastReader = [Int](repeating: -1, count: slotCount)
        for (i, step) in steps.enumerated() { for s in step.inputs { lastReader[s] = i } }
        let keep = Set(outputSlots).union(constants.map(\.slot))
        var releases = [[Int]](repeating: [], count: steps.count)
        for (slot, reader) in lastReader.enumerated() where reader >= 0 && !keep.contains(slot) {
            releases[reader].append(slot)
        }
        self.releases = releases
    }

    /// Runs the network on the given inputs (by name) and returns every graph output (by name).
    public func run(_ inputs: [String: Tensor]) throws(EngineError) -> [String: Tensor] {
        var ignored = 0
        return try run(inputs, multiplyAdds: &ignored)
    }

    /// Runs the network and adds the multiply–adds of its convolutions and matrix products to `multiplyAdds`.
    public func run(_ inputs: [String: Tensor], multiplyAdds: inout Int) throws(EngineError) -> [String: Tensor] {
        var slots = [Tensor?](repeating: nil, count: slotCount)
        for (slot, value) in constants { slots[slot] = value }
        for (name, slot) in zip(inputNames, inputSlots) {
            guard let value = inputs[name] else { throw EngineError(source, "input '\(name)' was not given") }
            slots[slot] = value
        }
        for (index, step) in steps.enumerated() {
            var arguments = [Tensor]()
            arguments.reserveCapacity(step.inputs.count)
            for s in step.inputs {
                guard let value = slots[s] else {
                    throw EngineError(source, "node '\(step.node)' (\(step.operation)) reads a value that was never produced")
                }
                arguments.append(value)
            }
            for s in releases[index] { slots[s] = nil }
            if let cost = step.cost { multiplyAdds += cost(arguments) }
            let results: [Tensor]
            do {
                results = try step.run(arguments)
            } catch {
                throw EngineError(source, "node '\(step.node)' (\(step.operation)): \(error)")
            }
            for (s, value) in zip(step.outputs, results) { slots[s] = value }
        }
        var outputs = [String: Tensor]()
        for (name, slot) in zip(outputNames, outputSlots) {
            guard let value = slots[slot] else { throw EngineError(source, "output '\(name)' was never produced") }
            outputs[name] = value
        }
        return outputs
    }

    /// Runs a network with one input and returns its outputs in declaration order.
    public func run(_ input: Tensor) throws(EngineError) -> [Tensor] {
        var ignored = 0
        return try run(input, multiplyAdds: &ignored)
    }

    /// Runs a network with one input, counting multiply–adds.
    public func run(_ input: Tensor, multiplyAdds: inout Int) throws(EngineError) -> [Tensor] {
        guard inputNames.count == 1 else {
            throw EngineError(source, "has \(inputNames.count) inputs; name them")
        }
        let outputs = try run([inputNames[0]: input], multiplyAdds: &multiplyAdds)
        return outputNames.map { outputs[$0]! }
    }
}
