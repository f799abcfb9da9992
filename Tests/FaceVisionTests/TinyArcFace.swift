import ONNXFormat

/// A small ArcFace-shaped network with seeded random weights, written as ONNX by the tests:
///
///     image [N,3,S,S] → Conv 3×3/2 → BatchNormalization → PRelu ─┬→ Conv 3×3/2 → BatchNormalization → Relu ─┐
///                                                                 └→ Conv 1×1/2 (shortcut) ─────────────────→ Add
///     Add → GlobalAveragePool → Flatten → Gemm (transB) → descriptor [N,32]
struct TinyArcFace {
    static let width = 16
    static let descriptorLength = 32
    static let epsilon: Float = 1e-5

    /// Batch normalisation parameters of one layer.
    struct Normalization {
        var gamma: [Float], beta: [Float], mean: [Float], variance: [Float]

        init(_ random: inout SeededRandom, channels: Int) {
            gamma = random.values(channels, in: 0.5...1.5)
            beta = random.values(channels, in: -0.2...0.2)
            mean = random.values(channels, in: -0.3...0.3)
            variance = random.values(channels, in: 0.2...2)
        }
    }

    var stemWeights: [Float], stemBias: [Float], stemNormalization: Normalization, slopes: [Float]
    var blockWeights: [Float], blockBias: [Float], blockNormalization: Normalization
    var shortcutWeights: [Float], shortcutBias: [Float]
    var denseWeights: [Float], denseBias: [Float]

    init(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let c = Self.width
        stemWeights = random.values(c * 3 * 9, in: -0.4...0.4)
        stemBias = random.values(c, in: -0.1...0.1)
        stemNormalization = Normalization(&random, channels: c)
        slopes = random.values(c, in: 0.05...0.4)
        blockWeights = random.values(c * c * 9, in: -0.2...0.2)
        blockBias = random.values(c, in: -0.1...0.1)
        blockNormalization = Normalization(&random, channels: c)
        shortcutWeights = random.values(c * c, in: -0.4...0.4)
        shortcutBias = random.values(c, in: -0.1...0.1)
        denseWeights = random.values(Self.descriptorLength * c, in: -0.5...0.5)
        denseBias = random.values(Self.descriptorLength, in: -0.1...0.1)
    }

    /// How the written model deviates from the well-formed one, for the error tests.
    struct Variant {
        var inputShape: [ONNXDimension]? = [.symbol("N"), .value(3), .value(112), .value(112)]
        var inputType: ONNXDataType = .float
        /// Replaces the PRelu node's operator.
        var activation = "PRelu"
        /// Ends the graph at the global pooling ([N, C, 1, 1]) instead of the dense layer.
        var stopsAtPooling = false
    }

    func model(_ variant: Variant = Variant()) -> ONNXModel {
        let c = Int64(Self.width), d = Int64(Self.descriptorLength)
        func ints(_ name: String, _ values: [Int64]) -> ONNXAttribute { ONNXAttribute(name: name, value: .ints(values)) }
        func conv(_ name: String, _ input: String, kernel: Int64, padding: Int64, output: String) -> ONNXNode {
            ONNXNode(name: name, opType: "Conv", inputs: [input, "\(name).w", "\(name).b"], outputs: [output],
                     attributes: [ints("kernel_shape", [kernel, kernel]), ints("strides", [2, 2]),
                                  ints("pads", [padding, padding, padding, padding])])
        }
        func batchNormalization(_ name: String, _ input: String, output: String) -> ONNXNode {
            ONNXNode(name: name, opType: "BatchNormalization",
                     inputs: [input, "\(name).gamma", "\(name).beta", "\(name).mean", "\(name).var"], outputs: [output],
                     attributes: [ONNXAttribute(name: "epsilon", value: .float(Self.epsilon))])
        }
        func parameters(_ name: String, _ n: Normalization) -> [ONNXTensor] {
            [ONNXTensor(name: "\(name).gamma", dims: [c], floats: n.gamma), ONNXTensor(name: "\(name).beta", dims: [c], floats: n.beta),
             ONNXTensor(name: "\(name).mean", dims: [c], floats: n.mean), ONNXTensor(name: "\(name).var", dims: [c], floats: n.variance)]
        }
        var nodes = [
            conv("stem", "image", kernel: 3, padding: 1, output: "s1"),
            batchNormalization("stem_bn", "s1", output: "s2"),
            ONNXNode(name: "stem_prelu", opType: variant.activation, inputs: ["s2", "stem_prelu.slope"], outputs: ["s3"]),
            conv("block", "s3", kernel: 3, padding: 1, output: "b1"),
            batchNormalization("block_bn", "b1", output: "b2"),
            ONNXNode(name: "block_relu", opType: "Relu", inputs: ["b2"], outputs: ["b3"]),
            conv("shortcut", "s3", kernel: 1, padding: 0, output: "r1"),
            ONNXNode(name: "residual", opType: "Add", inputs: ["b3", "r1"], outputs: ["r2"]),
            ONNXNode(name: "pool", opType: "GlobalAveragePool", inputs: ["r2"], outputs: ["pooled"]),
        ]
        let output: String
        if variant.stopsAtPooling {
            output = "pooled"
        } else {
            nodes += [
                ONNXNode(name: "flatten", opType: "Flatten", inputs: ["pooled"], outputs: ["features"],
                         attributes: [ONNXAttribute(name: "axis", value: .int(1))]),
                ONNXNode(name: "dense", opType: "Gemm", inputs: ["features", "dense.w", "dense.b"], outputs: ["embedding"],
                         attributes: [ONNXAttribute(name: "transB", value: .int(1))]),
            ]
            output = "embedding"
        }
        let initializers = [
            ONNXTensor(name: "stem.w", dims: [c, 3, 3, 3], floats: stemWeights),
            ONNXTensor(name: "stem.b", dims: [c], floats: stemBias),
            ONNXTensor(name: "stem_prelu.slope", dims: [c, 1, 1], floats: slopes),
            ONNXTensor(name: "block.w", dims: [c, c, 3, 3], floats: blockWeights),
            ONNXTensor(name: "block.b", dims: [c], floats: blockBias),
            ONNXTensor(name: "shortcut.w", dims: [c, c, 1, 1], floats: shortcutWeights),
            ONNXTensor(name: "shortcut.b", dims: [c], floats: shortcutBias),
            ONNXTensor(name: "dense.w", dims: [d, c], floats: denseWeights),
            ONNXTensor(name: "dense.b", dims: [d], floats: denseBias),
        ] + parameters("stem_bn", stemNormalization) + parameters("block_bn", blockNormalization)
        let graph = ONNXGraph(
            name: "tiny-arcface", nodes: nodes, initializers: initializers,
            inputs: [ONNXValueInfo(name: "image", elementType: variant.inputType, shape: variant.inputShape)],
            outputs: [ONNXValueInfo(name: output, elementType: .float)])
        return ONNXModel(irVersion: 8, opsetImports: [ONNXOperatorSetID(version: 13)], producerName: "facewatch-tests", graph: graph)
    }
}
