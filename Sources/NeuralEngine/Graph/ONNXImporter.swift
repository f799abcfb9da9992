import ONNXFormat

/// Turns an ONNX model into a `ComputeGraph`, checking every node against what the engine supports.
///
/// Supported operators: Conv, MaxPool, AveragePool, GlobalAveragePool, Relu, PRelu, Sigmoid, Softmax,
/// BatchNormalization, Add, Sub, Mul, Div, MatMul, Gemm, Flatten, Reshape, Transpose, Concat, Identity, Dropout,
/// LpNormalization (p = 2, last axis).
public enum ONNXImporter {
    /// Loads and checks an ONNX file.
    public static func load(path: String) throws(EngineError) -> ComputeGraph {
        let model: ONNXModel
        do {
            model = try ONNXModel(contentsOf: path)
        } catch {
            throw EngineError(path, "\(error.reason)")
        }
        return try importModel(model, source: path)
    }

    /// Builds a graph from a model already in memory; `source` names it in errors.
    public static func importModel(_ model: ONNXModel, source: String) throws(EngineError) -> ComputeGraph {
        var builder = GraphBuilder(source: source, opset: model.opsetImports.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version ?? 1)
        try builder.add(model.graph)
        return try builder.finish(model.graph)
    }
}

/// Accumulates slots, constants and steps while walking an ONNX graph.
struct GraphBuilder {
    let source: String
    let opset: Int64
    private var slots: [String: Int] = [:]
    private var constants: [(slot: Int, value: Tensor)] = []
    private var constantValues: [String: Tensor] = [:]
    private var integerConstants: [String: [Int64]] = [:]
    private var steps: [ComputeGraph.Step] = []
    /// Steps that may be merged after the walk: convolutions, and PReLUs that could follow them.
    private var convolutions: [Int: Conv2D] = [:]
    private var activations: [Int: PReLU] = [:]
    /// Pooling steps, which may be merged into the convolution before them.
    private var pools: [Int: Pool2D] = [:]

    init(source: String, opset: Int64) {
        self.source = source
        self.opset = opset
    }

    private mutating func slot(_ name: String) -> Int {
        if let s = slots[name] { return s }
        let s = slots.count
        slots[name] = s
        return s
    }

    mutating func add(_ graph: ONNXGraph) throws(EngineError) {
        for initializer in graph.initializers {
            if initializer.dataType == .int64 || initializer.dataType == .int32 {
                integerConstants[initializer.name] = try? initializer.int64Values()
            }
            do {
                let values = try initializer.floatValues()
                let tensor = Tensor(shape: initializer.dims.map { Int($0) }, values: values)
                constantValues[initializer.name] = tensor
                constants.append((slot(initializer.name), tensor))
            } catch {
                if integerConstants[initializer.name] == nil {
                    throw EngineError(source, "initializer '\(initializer.name)': \(error.reason)")
                }
            }
        }
        for input in graph.inputs where constantValues[input.name] == nil { _ = slot(input.name) }
        for node in graph.nodes {
            try addNode(node)
        }
    }

    func finish(_ graph: ONNXGraph) throws(EngineError) -> ComputeGraph {
        let steps = fusingActivations(outputs: Set(graph.outputs.compactMap { slots[$0.name] }))
        let inputs = graph.inputs.map(\.name).filter { constantValues[$0] == nil && integerConstants[$0] == nil }
        for output in graph.outputs where slots[output.name] == nil {
            throw EngineError(source, "graph output '\(output.name)' is produced by no node")
        }
        return ComputeGraph(
            source: source,
            inputNames: inputs, inputSlots: inputs.map { slots[$0]! },
            outputNames: graph.outputs.map(\.name), outputSlots: graph.outputs.map { slots[$0.name]! },
            constants: constants, slotCount: slots.count, steps: steps)
    }

    /// Merges each convolution with a per-channel PReLU that alone reads its output, and two convolutions of
    /// the same input into one, saving passes over memory.
    private func fusingActivations(outputs: Set<Int>) -> [ComputeGraph.Step] {
        var readers = [Int: Int]()
        for step in steps { for s in step.inputs { readers[s, default: 0] += 1 } }
        var result = [ComputeGraph.Step]()
        var index = 0
        while index < steps.count {
            let step = steps[index]
            if let conv = convolutions[index], let slopes = preluSlopes(after: index, readers: readers, outputs: outputs) {
                let next = steps[index + 1]
                if let pool = pools[index + 2], steps[index + 2].inputs == next.outputs, readers[next.outputs[0]] == 1,
                   !outputs.contains(next.outputs[0]) {
                    let pooling = steps[index + 2]
                    result.append(.init(node: step.node + "+" + next.node + "+" + pooling.node, operation: "Conv+PRelu+MaxPool",
                                        inputs: step.inputs, outputs: pooling.outputs, run: { x throws(EngineError) in
                                            [try conv.forward(x[0], negativeSlopes: slopes, thenPool: pool)]
                                        }, cost: step.cost, acceptsInterleavedBatch: true))
                    index += 3
                    continue
                }
                if let heads = pointwiseSiblings(reading: next.outputs[0], at: index + 2, readers: readers, outputs: outputs) {
                    let counts = [heads.first.outChannels, heads.second.outChannels]
                    let names = [steps[index + 2].node, steps[index + 3].node].joined(separator: "+")
                    result.append(.init(node: step.node + "+" + next.node + "+" + names, operation: "Conv+PRelu+Conv×2",
                                        inputs: step.inputs, outputs: steps[index + 2].outputs + steps[index + 3].outputs,
                                        run: { x throws(EngineError) in
                                            Layout.splitChannels(try conv.forward(x[0], negativeSlopes: slopes, then: heads.stacked),
                                                                 counts: counts)
                                        }, cost: { x in
                                            guard x[0].rank == 4 else { return 0 }
                                            let (rows, cols) = conv.axes(height: x[0].shape[2], width: x[0].shape[3])
                                            return x[0].shape[0] * (conv.multiplyAdds(height: x[0].shape[2], width: x[0].shape[3])
                                                + heads.stacked.multiplyAdds(height: rows.output, width: cols.output))
                                        }))
                    index += 4
                    continue
                }
                if let third = convolutions[index + 2], steps[index + 2].inputs == next.outputs,
                   readers[next.outputs[0]] == 1, !outputs.contains(next.outputs[0]),
                   let thirdSlopes = preluSlopes(after: index + 2, readers: readers, outputs: outputs),
                   let heads = pointwiseSiblings(reading: steps[index + 3].outputs[0], at: index + 4, readers: readers, outputs: outputs) {
                    let counts = [heads.first.outChannels, heads.second.outChannels]
                    let names = (index..<(index + 6)).map { steps[$0].node }.joined(separator: "+")
                    result.append(.init(node: names, operation: "Conv+PRelu+Conv+PRelu+Conv×2", inputs: step.inputs,
                                        outputs: steps[index + 4].outputs + steps[index + 5].outputs,
                                        run: { x throws(EngineError) in
                                            Layout.splitChannels(try conv.forward(x[0], negativeSlopes: slopes, thenConvolution: third,
                                                                                  negativeSlopes: thirdSlopes, then: heads.stacked),
                                                                 counts: counts)
                                        }, cost: { x in
                                            guard x[0].rank == 4 else { return 0 }
                                            let (rows, cols) = conv.axes(height: x[0].shape[2], width: x[0].shape[3])
                                            let (rows3, cols3) = third.axes(height: rows.output, width: cols.output)
                                            return x[0].shape[0] * (conv.multiplyAdds(height: x[0].shape[2], width: x[0].shape[3])
                                                + third.multiplyAdds(height: rows.output, width: cols.output)
                                                + heads.stacked.multiplyAdds(height: rows3.output, width: cols3.output))
                                        }))
                    index += 6
                    continue
                }
                result.append(.init(node: step.node + "+" + next.node, operation: "Conv+PRelu", inputs: step.inputs,
                                    outputs: next.outputs, run: { x throws(EngineError) in
                                        [try conv.forward(x[0], negativeSlopes: slopes)]
                                    }, cost: step.cost, acceptsInterleavedBatch: true))
                index += 2
                continue
            }
            if let conv = convolutions[index], index + 1 < steps.count, let sibling = convolutions[index + 1],
               steps[index + 1].inputs == step.inputs, step.outputs.count == 1, steps[index + 1].outputs.count == 1,
               !(index + 2 < steps.count && activations[index + 2] != nil && steps[index + 2].inputs == steps[index + 1].outputs),
               let stacked = conv.stacked(with: sibling) {
                let next = steps[index + 1]
                let counts = [conv.outChannels, sibling.outChannels]
                let costs = [step.cost, next.cost].compactMap { $0 }
                result.append(.init(node: step.node + "+" + next.node, operation: "Conv×2", inputs: step.inputs,
                                    outputs: step.outputs + next.outputs, run: { x throws(EngineError) in
                                        Layout.splitChannels(try stacked.forward(x[0]), counts: counts)
                                    }, cost: { x in costs.reduce(0) { $0 + $1(x) } }))
                index += 2
                continue
            }
            result.append(step)
            index += 1
        }
        return result
    }

    /// The slopes of a per-channel PReLU at `index + 1` that alone reads the single output of the convolution at
    /// `index`, when that output is not a graph output.
    private func preluSlopes(after index: Int, readers: [Int: Int], outputs: Set<Int>) -> [Float]? {
        guard index + 1 < steps.count, let conv = convolutions[index], let prelu = activations[index + 1] else { return nil }
        let step = steps[index]
        guard steps[index + 1].inputs == step.outputs, step.outputs.count == 1,
              readers[step.outputs[0]] == 1, !outputs.contains(step.outputs[0]),
              prelu.slope.count == conv.outChannels,
              Broadcast.singleVaryingAxis(of: prelu.slope.shape, within: [1, conv.outChannels, 2, 2]) == 1 || conv.outChannels == 1
        else { return nil }
        return prelu.slope.values
    }

    /// Two 1×1 convolutions at `index` and `index + 1` that alone read `slot`, stacked into one.
    private func pointwiseSiblings(reading slot: Int, at index: Int, readers: [Int: Int], outputs: Set<Int>)
        -> (first: Conv2D, second: Conv2D, stacked: Conv2D)? {
        guard index + 1 < steps.count, let first = convolutions[index], let second = convolutions[index + 1],
              steps[index].inputs == [slot], steps[index + 1].inputs == [slot], readers[slot] == 2, !outputs.contains(slot),
              steps[index].outputs.count == 1, steps[index + 1].outputs.count == 1,
              !(index + 2 < steps.count && activations[index + 2] != nil
                  && (steps[index + 2].inputs == steps[index].outputs || steps[index + 2].inputs == steps[index + 1].outputs)),
              first.kernelHeight == 1, first.kernelWidth == 1, let stacked = first.stacked(with: second) else { return nil }
        return (first, second, stacked)
    }

    private func fail(_ node: ONNXNode, _ reason: String) -> EngineError {
        EngineError(source, "node '\(node.name)' (\(node.opType)): \(reason)")
    }

    private func constant(_ node: ONNXNode, input index: Int) throws(EngineError) -> Tensor {
        guard index < node.inputs.count, let value = constantValues[node.inputs[index]] else {
            throw fail(node, "input \(index) must be a stored weight (initializer)")
        }
        return value
    }

    private func ints(_ node: ONNXNode, _ name: String) -> [Int]? {
        guard let attribute = node.attribute(name), let values = attribute.ints else { return nil }
        return values.map { Int($0) }
    }

    private func int(_ node: ONNXNode, _ name: String, default value: Int) -> Int {
        guard let attribute = node.attribute(name), let v = attribute.int else { return value }
        return Int(v)
    }

    private func float(_ node: ONNXNode, _ name: String, default value: Float) -> Float {
        guard let attribute = node.attribute(name), let v = attribute.float else { return value }
        return v
    }

    private func string(_ node: ONNXNode, _ name: String, default value: String) -> String {
        guard let attribute = node.attribute(name), let v = attribute.string else { return value }
        return v
    }

    private func padding(_ node: ONNXNode) throws(EngineError) -> Padding2D {
        switch string(node, "auto_pad", default: "NOTSET") {
        case "SAME_UPPER": return .same(extraAtEnd: true)
        case "SAME_LOWER": return .same(extraAtEnd: false)
        case "VALID": return .none
        case "NOTSET", "":
            let pads = ints(node, "pads") ?? [0, 0, 0, 0]
            guard pads.count == 4 else { throw fail(node, "pads \(pads) are not 2-D (need 4 values)") }
            return .explicit(top: pads[0], left: pads[1], bottom: pads[2], right: pads[3])
        case let other: throw fail(node, "auto_pad '\(other)' is not supported")
        }
    }

    private mutating func append(_ node: ONNXNode, inputs: [String], acceptsInterleavedBatch: Bool = false,
                                 cost: (@Sendable ([Tensor]) -> Int)? = nil,
                                 _ run: @escaping @Sendable ([Tensor]) throws(EngineError) -> [Tensor]) {
        let inputSlots = inputs.map { slot($0) }
        let outputSlots = node.outputs.map { slot($0) }
        steps.append(.init(node: node.name.isEmpty ? node.outputs.first ?? "?" : node.name,
                           operation: node.opType, inputs: inputSlots, outputs: outputSlots, run: run, cost: cost,
                           acceptsInterleavedBatch: acceptsInterleavedBatch))
    }

    private mutating func addNode(_ node: ONNXNode) throws(EngineError) {
        guard node.domain.isEmpty || node.domain == "ai.onnx" else {
            throw fail(node, "operator domain '\(node.domain)' is not supported")
        }
        guard !node.outputs.isEmpty else { throw fail(node, "has no outputs") }
        let first = node.inputs.first ?? ""
        switch node.opType {
        case "Conv":
            let w = try constant(node, input: 1)
            guard w.rank == 4 else { throw fail(node, "weights \(w) are not 4-D (only 2-D convolutions are supported)") }
            let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty ? try constant(node, input: 2).values : nil
            let strides = ints(node, "strides") ?? [1, 1]
            let dilations = ints(node, "dilations") ?? [1, 1]
            let groups = int(node, "group", default: 1)
            guard strides.count == 2, dilations.count == 2 else { throw fail(node, "strides/dilations are not 2-D") }
            let conv: Conv2D
            do {
                conv = try Conv2D(weights: w.values, bias: bias, outChannels: w.shape[0], inChannels: w.shape[1] * groups,
                                  kernelHeight: w.shape[2], kernelWidth: w.shape[3],
                                  strideHeight: strides[0], strideWidth: strides[1],
                                  dilationHeight: dilations[0], dilationWidth: dilations[1],
                                  groups: groups, padding: try padding(node))
            } catch { throw fail(node, error.reason) }
            convolutions[steps.count] = conv
            append(node, inputs: [first], acceptsInterleavedBatch: true, cost: { x in
                x[0].imageBatchGeometry.map { $0.batch * conv.multiplyAdds(height: $0.height, width: $0.width) } ?? 0
            }) { x throws(EngineError) in [try conv.forward(x[0])] }
        case "MaxPool", "AveragePool":
            guard let kernel = ints(node, "kernel_shape"), kernel.count == 2 else { throw fail(node, "kernel_shape must be 2-D") }
            let strides = ints(node, "strides") ?? [1, 1]
            if let d = ints(node, "dilations"), d.contains(where: { $0 != 1 }) { throw fail(node, "dilated pooling is not supported") }
            guard node.outputs.count == 1 else { throw fail(node, "the Indices output is not supported") }
            let kind: Pool2D.Kind = node.opType == "MaxPool" ? .max : .average(countPadding: int(node, "count_include_pad", default: 0) != 0)
            let pool: Pool2D
            do {
                pool = try Pool2D(kind: kind, kernelHeight: kernel[0], kernelWidth: kernel[1],
                                  strideHeight: strides[0], strideWidth: strides[1],
                                  padding: try padding(node), roundUp: int(node, "ceil_mode", default: 0) != 0)
            } catch { throw fail(node, error.reason) }
            pools[steps.count] = pool
            append(node, inputs: [first], acceptsInterleavedBatch: true) { x throws(EngineError) in [try pool.forward(x[0])] }
        case "GlobalAveragePool":
            append(node, inputs: [first]) { x throws(EngineError) in [try GlobalAveragePool().forward(x[0])] }
        case "Relu":
            append(node, inputs: [first]) { x in [ReLU().forward(x[0])] }
        case "Sigmoid":
            append(node, inputs: [first]) { x in [Sigmoid().forward(x[0])] }
        case "PRelu":
            let prelu = PReLU(slope: try constant(node, input: 1))
            activations[steps.count] = prelu
            append(node, inputs: [first]) { x throws(EngineError) in [try prelu.forward(x[0])] }
        case "Softmax":
            let softmax = Softmax(axis: int(node, "axis", default: opset < 13 ? 1 : -1), coercesTrailingAxes: opset < 13)
            append(node, inputs: [first]) { x throws(EngineError) in [try softmax.forward(x[0])] }
        case "BatchNormalization":
            let epsilon = float(node, "epsilon", default: 1e-5)
            let affine: ChannelAffine
            do {
                affine = try ChannelAffine(gamma: try constant(node, input: 1).values, beta: try constant(node, input: 2).values,
                                           mean: try constant(node, input: 3).values, variance: try constant(node, input: 4).values,
                                           epsilon: epsilon)
            } catch { throw fail(node, error.reason) }
            append(node, inputs: [first]) { x throws(EngineError) in [try affine.forward(x[0])] }
        case "Add", "Sub", "Mul", "Div":
            guard node.inputs.count == 2 else { throw fail(node, "needs two inputs") }
            let op = Elementwise(Elementwise.Operation(rawValue: node.opType)!)
            append(node, inputs: node.inputs) { x throws(EngineError) in [try op.forward(x[0], x[1])] }
        case "MatMul":
            guard node.inputs.count == 2 else { throw fail(node, "needs two inputs") }
            if let w = constantValues[node.inputs[1]], w.rank == 2 {
                let linear: Linear
                do { linear = try Linear(weights: w.values, inFeatures: w.shape[0], outFeatures: w.shape[1]) }
                catch { throw fail(node, error.reason) }
                append(node, inputs: [first], cost: { x in x[0].count * linear.outFeatures }) { x throws(EngineError) in
                    [try linear.forward(x[0])]
                }
            } else {
                append(node, inputs: node.inputs) { x throws(EngineError) in [try MatrixProduct.multiply(x[0], x[1])] }
            }
        case "Gemm":
            let w = try constant(node, input: 1)
            guard w.rank == 2 else { throw fail(node, "B must be 2-D, got \(w)") }
            if int(node, "transA", default: 0) != 0 { throw fail(node, "transA=1 is not supported") }
            let alpha = float(node, "alpha", default: 1), beta = float(node, "beta", default: 1)
            let transposed = int(node, "transB", default: 0) != 0
            let (inFeatures, outFeatures) = transposed ? (w.shape[1], w.shape[0]) : (w.shape[0], w.shape[1])
            var bias: [Float]? = nil
            if node.inputs.count > 2, !node.inputs[2].isEmpty {
                let c = try constant(node, input: 2)
                guard c.count == outFeatures || c.count == 1 else { throw fail(node, "C \(c) does not broadcast to \(outFeatures) outputs") }
                bias = (c.count == 1 ? [Float](repeating: c.values[0], count: outFeatures) : c.values).map { $0 * beta }
            }
            let linear: Linear
            do {
                linear = try Linear(weights: w.values.map { $0 * alpha }, inFeatures: inFeatures, outFeatures: outFeatures,
                                    bias: bias, weightsAreTransposed: transposed)
            } catch { throw fail(node, error.reason) }
            append(node, inputs: [first], cost: { x in x[0].count * linear.outFeatures }) { x throws(EngineError) in
                guard x[0].rank == 2 else { throw EngineError("Gemm", "A must be 2-D, got \(x[0])") }
                return [try linear.forward(x[0])]
            }
        case "Flatten":
            let axis = int(node, "axis", default: 1)
            append(node, inputs: [first]) { x throws(EngineError) in [try Layout.flatten(x[0], axis: axis)] }
        case "Reshape":
            guard node.inputs.count == 2, let shape = integerConstants[node.inputs[1]] else {
                throw fail(node, "the target shape must be a stored int64 initializer")
            }
            let target = shape.map { Int($0) }
            append(node, inputs: [first]) { x throws(EngineError) in [try Layout.reshape(x[0], to: target)] }
        case "Transpose":
            let perm = ints(node, "perm")
            append(node, inputs: [first]) { x throws(EngineError) in
                [try Layout.transpose(x[0], permutation: perm ?? Array((0..<x[0].rank).reversed()))]
            }
            steps[steps.count - 1].permutation = perm
        case "Concat":
            let axis = int(node, "axis", default: 1)
            append(node, inputs: node.inputs) { x throws(EngineError) in [try Layout.concatenate(x, axis: axis)] }
        case "Identity", "Dropout":
            append(node, inputs: [first]) { x in [x[0]] }
        case "LpNormalization":
            guard int(node, "p", default: 2) == 2 else { throw fail(node, "only p = 2 is supported") }
            let axis = int(node, "axis", default: -1)
            let normalization = LastAxisL2Normalization()
            append(node, inputs: [first]) { x throws(EngineError) in
                guard axis == -1 || axis == x[0].rank - 1 else {
                    throw EngineError("LpNormalization", "axis \(axis) of \(x[0]) is not the last axis")
                }
                return [try normalization.forward(x[0])]
            }
        default:
            throw fail(node, "operator '\(node.opType)' is not supported by facewatch's engine")
        }
    }
}
