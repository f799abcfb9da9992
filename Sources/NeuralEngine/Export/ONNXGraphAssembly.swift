import ONNXFormat

/// The nodes and initializers of an exported graph, built layer by layer. Values and nodes are named after the
/// layer's position (`3.Conv`, `2.body.1.BatchNormalization`), initializers after its parameters (`3.weight`,
/// `2.body.1.running_mean`), so the names stay the same from one export of a network to the next.
struct ONNXGraphAssembly {
    private(set) var nodes: [ONNXNode] = []
    private(set) var initializers: [ONNXTensor] = []

    /// The name of the value a layer's output ends up in, and its rank.
    struct Value {
        var name: String
        var rank: Int
    }

    mutating func append(_ layer: any TrainableLayer, position: String, input: Value) throws(ONNXExportError) -> Value {
        let prefix = position.isEmpty ? "" : position + "."
        switch layer {
        case let network as Sequential:
            var value = input
            for (index, inner) in network.layers.enumerated() {
                value = try append(inner, position: prefix + "\(index)", input: value)
            }
            return value
        case let block as ResidualBlock:
            let main = try append(block.body, position: prefix + "body", input: input)
            let skip = try append(block.shortcut, position: prefix + "shortcut", input: input)
            return node("Add", position: position, inputs: [main.name, skip.name], rank: main.rank)
        case let conv as Conv2DLayer:
            try requireRank(4, input, position, layer)
            var inputs = [input.name, constant(prefix + "weight", conv.weight.value)]
            if let bias = conv.bias { inputs.append(constant(prefix + "bias", bias.value)) }
            let attributes = [
                ONNXAttribute(name: "kernel_shape", value: .ints([Int64(conv.kernelHeight), Int64(conv.kernelWidth)])),
                ONNXAttribute(name: "strides", value: .ints([Int64(conv.stride.height), Int64(conv.stride.width)])),
            ] + Self.paddingAttributes(conv.padding)
            return node("Conv", position: position, inputs: inputs, rank: 4, attributes: attributes)
        case let norm as BatchNormLayer:
            guard input.rank >= 2 else { throw .rankMismatch(position: position, type: "\(type(of: layer))", rank: input.rank) }
            let channels = norm.channels
            let inputs = [
                input.name, constant(prefix + "scale", norm.scale.value), constant(prefix + "offset", norm.offset.value),
                constant(prefix + "running_mean", Tensor(shape: [channels], values: norm.runningMean)),
                constant(prefix + "running_variance", Tensor(shape: [channels], values: norm.runningVariance)),
            ]
            return node("BatchNormalization", position: position, inputs: inputs, rank: input.rank,
                        attributes: [ONNXAttribute(name: "epsilon", value: .float(norm.epsilon))])
        case let prelu as PReLULayer:
            guard input.rank >= 2 else { throw .rankMismatch(position: position, type: "\(type(of: layer))", rank: input.rank) }
            let slope = prelu.inferenceLayer(forRank: input.rank).slope
            return node("PRelu", position: position, inputs: [input.name, constant(prefix + "slope", slope)], rank: input.rank)
        case is ReLULayer:
            return node("Relu", position: position, inputs: [input.name], rank: input.rank)
        case let pool as MaxPool2DLayer:
            try requireRank(4, input, position, layer)
            return node("MaxPool", position: position, inputs: [input.name], rank: 4,
                        attributes: Self.poolingAttributes(pool.pooling))
        case let pool as AveragePool2DLayer:
            try requireRank(4, input, position, layer)
            let attributes = Self.poolingAttributes(pool.pooling) + [ONNXAttribute(name: "count_include_pad", value: .int(0))]
            return node("AveragePool", position: position, inputs: [input.name], rank: 4, attributes: attributes)
        case is GlobalAveragePoolLayer:
            try requireRank(4, input, position, layer)
            return node("GlobalAveragePool", position: position, inputs: [input.name], rank: 4)
        case is FlattenLayer:
            return node("Flatten", position: position, inputs: [input.name], rank: 2,
                        attributes: [ONNXAttribute(name: "axis", value: .int(1))])
        case let dense as DenseLayer:
            try requireRank(2, input, position, layer)
            var inputs = [input.name, constant(prefix + "weight", dense.weight.value)]
            if let bias = dense.bias { inputs.append(constant(prefix + "bias", bias.value)) }
            return node("Gemm", position: position, inputs: inputs, rank: 2)
        case is L2NormalizeLayer:
            try requireRank(2, input, position, layer)
            return node("LpNormalization", position: position, inputs: [input.name], rank: 2,
                        attributes: [ONNXAttribute(name: "axis", value: .int(1)), ONNXAttribute(name: "p", value: .int(2))])
        default:
            throw .unsupportedLayer(position: position, type: "\(type(of: layer))")
        }
    }

    /// Renames the last node's output, so the graph's output has a name of the caller's choosing.
    mutating func renameFinalOutput(from old: String, to new: String) {
        for index in nodes.indices {
            for slot in nodes[index].inputs.indices where nodes[index].inputs[slot] == old { nodes[index].inputs[slot] = new }
            for slot in nodes[index].outputs.indices where nodes[index].outputs[slot] == old { nodes[index].outputs[slot] = new }
        }
    }

    private mutating func node(_ opType: String, position: String, inputs: [String], rank: Int,
                               attributes: [ONNXAttribute] = []) -> Value {
        let name = position.isEmpty ? opType : position + "." + opType
        nodes.append(ONNXNode(name: name, opType: opType, inputs: inputs, outputs: [name], attributes: attributes))
        return Value(name: name, rank: rank)
    }

    private mutating func constant(_ name: String, _ tensor: Tensor) -> String {
        initializers.append(ONNXTensor(name: name, dims: tensor.shape.map { Int64($0) }, floats: tensor.values))
        return name
    }

    private func requireRank(_ rank: Int, _ input: Value, _ position: String, _ layer: any TrainableLayer) throws(ONNXExportError) {
        guard input.rank == rank else { throw .rankMismatch(position: position, type: "\(type(of: layer))", rank: input.rank) }
    }

    private static func paddingAttributes(_ padding: Padding2D) -> [ONNXAttribute] {
        switch padding {
        case let .explicit(top, left, bottom, right):
            [ONNXAttribute(name: "pads", value: .ints([top, left, bottom, right].map { Int64($0) }))]
        case let .same(extraAtEnd):
            [ONNXAttribute(name: "auto_pad", value: .string(Array((extraAtEnd ? "SAME_UPPER" : "SAME_LOWER").utf8)))]
        }
    }

    private static func poolingAttributes(_ pooling: Pool2D) -> [ONNXAttribute] {
        [
            ONNXAttribute(name: "kernel_shape", value: .ints([Int64(pooling.kernelHeight), Int64(pooling.kernelWidth)])),
            ONNXAttribute(name: "strides", value: .ints([Int64(pooling.strideHeight), Int64(pooling.strideWidth)])),
        ] + paddingAttributes(pooling.padding)
    }
}
