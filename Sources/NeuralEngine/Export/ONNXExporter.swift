import ONNXFormat

/// Turns a trained network into an ONNX model that facewatch (as an `ONNXFaceEmbedder`) and onnxruntime both run.
///
/// The input is `[N, channels, side, side]` floats with a symbolic batch size `N`; the output `[N, D]`. Batch
/// normalisation is exported in inference form (its running averages), `L2NormalizeLayer` as `LpNormalization`,
/// `DenseLayer` as `Gemm`, a `ResidualBlock` as its branches joined by `Add`. Opset 13, IR version 7.
public enum ONNXExporter {
    public static let opsetVersion: Int64 = 13
    public static let irVersion: Int64 = 7

    public static func model(
        of network: Sequential, side: Int, channels: Int = 3, inputName: String = "input",
        outputName: String = "embedding"
    ) throws(ONNXExportError) -> ONNXModel {
        var trial = network
        let width: Int
        let output: Tensor
        do {
            output = try trial.forward(Tensor(shape: [1, channels, side, side]), mode: .inference)
        } catch {
            throw .trialRun(reason: error.description)
        }
        guard output.rank == 2 else { throw .trialRun(reason: "the output is \(output), not [N, D]") }
        width = output.shape[1]
        var assembly = ONNXGraphAssembly()
        let result = try assembly.append(network, position: "", input: .init(name: inputName, rank: 4))
        var nodes = assembly.nodes
        if result.name == inputName {
            nodes.append(ONNXNode(name: "Identity", opType: "Identity", inputs: [inputName], outputs: [outputName]))
        } else {
            assembly.renameFinalOutput(from: result.name, to: outputName)
            nodes = assembly.nodes
        }
        let graph = ONNXGraph(
            name: "facewatch", nodes: nodes, initializers: assembly.initializers,
            inputs: [ONNXValueInfo(name: inputName, elementType: .float,
                                   shape: [.symbol("N"), .value(Int64(channels)), .value(Int64(side)), .value(Int64(side))])],
            outputs: [ONNXValueInfo(name: outputName, elementType: .float, shape: [.symbol("N"), .value(Int64(width))])])
        return ONNXModel(irVersion: irVersion, opsetImports: [ONNXOperatorSetID(version: opsetVersion)],
                         producerName: "facewatch", graph: graph)
    }

    /// Exports the network and writes the model to `path`.
    public static func write(
        _ network: Sequential, side: Int, channels: Int = 3, to path: String
    ) throws(ONNXExportError) {
        let exported = try model(of: network, side: side, channels: channels)
        do {
            try exported.write(to: path)
        } catch {
            throw .unwritable(path: path, reason: error.reason)
        }
    }
}
