extension ComputeGraph {
    /// The graph taking its input batch-interleaved (`[G, C, H, W, 8]`, see `BatchInterleaving`): its leading
    /// convolutions and max poolings run on eight images per vector, and a step added after them turns their
    /// result back into NCHW for the rest of the network. Outputs then have a batch of `8·G`: one entry per
    /// lane, those past the real images holding the results for the zero images that filled up the last group.
    ///
    /// For many small images (R-Net's and O-Net's crops) this beats the NCHW kernels, whose vectors run along
    /// rows of only 3 to 46 pixels. Applies when the graph has one input, read first by at least one such step,
    /// and no other step or output sees the interleaved values; nil otherwise.
    public func acceptingInterleavedBatches() -> ComputeGraph? {
        guard inputSlots.count == 1 else { return nil }
        var readers = [Int: Int]()
        for step in steps { for s in step.inputs { readers[s, default: 0] += 1 } }
        var current = inputSlots[0]
        var chain = 0
        while chain < steps.count, steps[chain].acceptsInterleavedBatch, steps[chain].inputs == [current],
              steps[chain].outputs.count == 1, readers[current] == 1, !outputSlots.contains(current) {
            current = steps[chain].outputs[0]
            chain += 1
        }
        guard chain > 0, !outputSlots.contains(current) else { return nil }
        let planar = slotCount
        let back = Step(node: steps[chain - 1].node + "/deinterleave", operation: "Deinterleave", inputs: [current],
                        outputs: [planar], run: { x throws(EngineError) in [try BatchInterleaving.deinterleave(x[0])] },
                        cost: nil)
        let rest = steps[chain...].map { step in
            var step = step
            step.inputs = step.inputs.map { $0 == current ? planar : $0 }
            return step
        }
        return ComputeGraph(source: source, inputNames: inputNames, inputSlots: inputSlots, outputNames: outputNames,
                            outputSlots: outputSlots, constants: constants, slotCount: slotCount + 1,
                            steps: Array(steps[..<chain]) + [back] + rest)
    }
}
