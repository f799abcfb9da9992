import Foundation
import ONNXFormat
import Testing
@testable import NeuralEngine

/// Small MTCNN-shaped models written by the tests themselves.
struct ONNXImporterTests {
    static func attribute(_ name: String, ints: [Int64]) -> ONNXAttribute { ONNXAttribute(name: name, value: .ints(ints)) }
    static func attribute(_ name: String, string: String) -> ONNXAttribute { ONNXAttribute(name: name, value: .string(Array(string.utf8))) }
    static func attribute(_ name: String, int: Int64) -> ONNXAttribute { ONNXAttribute(name: name, value: .int(int)) }

    /// NHWC input → Transpose → Conv → PRelu → MaxPool → Transpose → Flatten → MatMul → Add → Softmax.
    static func tinyModel(opType: String = "Conv", random: inout SeededValues) -> ONNXModel {
        let nodes = [
            ONNXNode(name: "to_nchw", opType: "Transpose", inputs: ["image"], outputs: ["x0"], attributes: [attribute("perm", ints: [0, 3, 1, 2])]),
            ONNXNode(name: "conv", opType: opType, inputs: ["x0", "w", "b"], outputs: ["x1"],
                     attributes: [attribute("auto_pad", string: "VALID"), attribute("kernel_shape", ints: [3, 3]), attribute("strides", ints: [1, 1])]),
            ONNXNode(name: "prelu", opType: "PRelu", inputs: ["x1", "slope"], outputs: ["x2"]),
            ONNXNode(name: "pool", opType: "MaxPool", inputs: ["x2"], outputs: ["x3"],
                     attributes: [attribute("auto_pad", string: "SAME_UPPER"), attribute("kernel_shape", ints: [2, 2]), attribute("strides", ints: [2, 2])]),
            ONNXNode(name: "to_nhwc", opType: "Transpose", inputs: ["x3"], outputs: ["x4"], attributes: [attribute("perm", ints: [0, 2, 3, 1])]),
            ONNXNode(name: "flatten", opType: "Flatten", inputs: ["x4"], outputs: ["x5"], attributes: [attribute("axis", int: 1)]),
            ONNXNode(name: "dense", opType: "MatMul", inputs: ["x5", "dense_w"], outputs: ["x6"]),
            ONNXNode(name: "bias", opType: "Add", inputs: ["x6", "dense_b"], outputs: ["x7"]),
            ONNXNode(name: "softmax", opType: "Softmax", inputs: ["x7"], outputs: ["probability"], attributes: [attribute("axis", int: 1)]),
        ]
        let initializers = [
            ONNXTensor(name: "w", dims: [4, 3, 3, 3], floats: random.values(108)),
            ONNXTensor(name: "b", dims: [4], floats: random.values(4)),
            ONNXTensor(name: "slope", dims: [1, 4, 1, 1], floats: random.values(4)),
            ONNXTensor(name: "dense_w", dims: [36, 2], floats: random.values(72)),
            ONNXTensor(name: "dense_b", dims: [2], floats: random.values(2)),
        ]
        let graph = ONNXGraph(name: "tiny", nodes: nodes, initializers: initializers,
                              inputs: [ONNXValueInfo(name: "image", elementType: .float, shape: [.symbol("N"), .value(8), .value(8), .value(3)])],
                              outputs: [ONNXValueInfo(name: "probability", elementType: .float)])
        return ONNXModel(irVersion: 7, opsetImports: [ONNXOperatorSetID(version: 12)], producerName: "facewatch-tests", graph: graph)
    }

    @Test func runsLikeTheLayersComposedByHand() throws {
        var random = SeededValues(seed: 7)
        let model = Self.tinyModel(random: &random)
        let graph = try ONNXImporter.importModel(model, source: "tiny.onnx")
        #expect(graph.inputNames == ["image"])
        #expect(graph.outputNames == ["probability"])

        let image = Tensor(shape: [2, 8, 8, 3], values: random.values(2 * 8 * 8 * 3))
        let actual = try graph.run(image)[0]

        let g = model.graph
        func weights(_ name: String) throws -> [Float] { try g.initializer(name)!.floatValues() }
        var x = try Layout.transpose(image, permutation: [0, 3, 1, 2])
        x = try Conv2D(weights: try weights("w"), bias: try weights("b"), outChannels: 4, inChannels: 3, kernelHeight: 3, kernelWidth: 3).forward(x)
        x = try PReLU(slope: Tensor(shape: [1, 4, 1, 1], values: try weights("slope"))).forward(x)
        x = try Pool2D(kind: .max, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2, padding: .same(extraAtEnd: true)).forward(x)
        x = try Layout.flatten(try Layout.transpose(x, permutation: [0, 2, 3, 1]), axis: 1)
        x = try Linear(weights: try weights("dense_w"), inFeatures: 36, outFeatures: 2, bias: try weights("dense_b")).forward(x)
        let expected = try Softmax(axis: 1, coercesTrailingAxes: true).forward(x)

        #expect(actual.shape == [2, 2])
        #expect(maxAbsDifference(actual.values, expected.values) < 1e-5)
    }

    @Test func countsMultiplyAdds() throws {
        var random = SeededValues(seed: 3)
        let graph = try ONNXImporter.importModel(Self.tinyModel(random: &random), source: "tiny.onnx")
        var multiplyAdds = 0
        _ = try graph.run(Tensor(shape: [1, 8, 8, 3], repeating: 0.5), multiplyAdds: &multiplyAdds)
        #expect(multiplyAdds == 6 * 6 * 4 * 27 + 36 * 2)
    }

    @Test func unknownOperatorNamesTheNodeAndTheOperator() throws {
        var random = SeededValues(seed: 1)
        let model = Self.tinyModel(opType: "FancyConv", random: &random)
        let error = #expect(throws: EngineError.self) { try ONNXImporter.importModel(model, source: "custom.onnx") }
        let text = error?.description ?? ""
        #expect(text.contains("custom.onnx"))
        #expect(text.contains("'conv'"))
        #expect(text.contains("FancyConv"))
        #expect(!text.contains("\n"))
    }

    @Test func corruptFileIsAOneLineErrorNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededValues(seed: 2)
        let bytes = Self.tinyModel(random: &random).serializedBytes()

        let truncated = directory.appendingPathComponent("truncated.onnx")
        try Data(bytes.prefix(bytes.count / 2)).write(to: truncated)
        let garbage = directory.appendingPathComponent("garbage.onnx")
        try Data("this is not a model\n".utf8).write(to: garbage)
        let missing = directory.appendingPathComponent("missing.onnx")

        for file in [truncated, garbage, missing] {
            let error = #expect(throws: EngineError.self) { try ONNXImporter.load(path: file.path) }
            #expect(error?.description.hasPrefix(file.path + ":") == true)
            #expect(error?.description.contains("\n") == false)
        }

        let whole = directory.appendingPathComponent("whole.onnx")
        try Data(bytes).write(to: whole)
        #expect(try ONNXImporter.load(path: whole.path).outputNames == ["probability"])
    }

    @Test func missingInputIsReported() throws {
        var random = SeededValues(seed: 4)
        let graph = try ONNXImporter.importModel(Self.tinyModel(random: &random), source: "tiny.onnx")
        #expect(throws: EngineError.self) { try graph.run(["other": Tensor(shape: [1])]) }
    }
}
