extension ComputeGraph {
    /// The graph without its leading input transpose, for callers that can lay out their data the way the
    /// network wants it in the first place (writing an image straight into NCHW planes costs less than
    /// writing it in the file's layout and transposing it).
    ///
    /// Applies when the graph has one input, read only by a first Transpose step with a stored permutation;
    /// the result takes that step's output as its input (same input name) and `permutation` says how it is
    /// laid out: axis `k` of the new input is axis `permutation[k]` of the old one. Nil otherwise.
    public func startingAfterInputTranspose() -> (graph: ComputeGraph, permutation: [Int])? {
        guard inputSlots.count == 1, let first = steps.first, first.operation == "Transpose",
              let permutation = first.permutation, first.inputs == inputSlots, first.outputs.count == 1,
              !outputSlots.contains(inputSlots[0]),
              !steps.dropFirst().contains(where: { $0.inputs.contains(inputSlots[0]) }) else { return nil }
        let graph = ComputeGraph(source: source, inputNames: inputNames, inputSlots: first.outputs,
                                 outputNames: outputNames, outputSlots: outputSlots, constants: constants,
                                 slotCount: slotCount, steps: Array(steps.dropFirst()))
        return (graph, permutation)
    }
}
