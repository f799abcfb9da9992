import ONNXFormat

/// The smallest ONNX face embedder the CLI tests need: `[N,3,S,S]` → 1×1 Conv → Relu → GlobalAveragePool →
/// Flatten → Gemm → `[N,8]`, with fixed small weights that differ per `variant`.
enum PoolingEmbedderModel {
    static func bytes(side: Int64 = 112, variant: Float = 1) -> [UInt8] {
        let channels: Int64 = 4, length: Int64 = 8
        let convWeights = (0..<Int(channels * 3)).map { Float($0 % 5) * 0.3 * variant - 0.5 }
        let denseWeights = (0..<Int(length * channels)).map { Float(($0 * 7) % 11) * 0.2 - 1 }
        let nodes = [
            ONNXNode(name: "conv", opType: "Conv", inputs: ["image", "conv.w"], outputs: ["c"],
                     attributes: [ONNXAttribute(name: "kernel_shape", value: .ints([1, 1]))]),
            ONNXNode(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"]),
            ONNXNode(name: "pool", opType: "GlobalAveragePool", inputs: ["r"], outputs: ["p"]),
            ONNXNode(name: "flatten", opType: "Flatten", inputs: ["p"], outputs: ["f"]),
            ONNXNode(name: "dense", opType: "Gemm", inputs: ["f", "dense.w", "dense.b"], outputs: ["embedding"]),
        ]
        let graph = ONNXGraph(
            name: "pooling-embedder", nodes: nodes,
            initializers: [
                ONNXTensor(name: "conv.w", dims: [channels, 3, 1, 1], floats: convWeights),
                ONNXTensor(name: "dense.w", dims: [channels, length], floats: denseWeights),
                ONNXTensor(name: "dense.b", dims: [length], floats: (0..<Int(length)).map { Float($0) * 0.05 }),
            ],
            inputs: [ONNXValueInfo(name: "image", elementType: .float, shape: [.symbol("N"), .value(3), .value(side), .value(side)])],
            outputs: [ONNXValueInfo(name: "embedding", elementType: .float)])
        return ONNXModel(irVersion: 8, opsetImports: [ONNXOperatorSetID(version: 13)], graph: graph).serializedBytes()
    }
}
