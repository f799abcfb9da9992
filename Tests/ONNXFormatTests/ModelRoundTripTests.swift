import FacewatchSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ONNXFormat

@Suite struct ModelRoundTripTests {
    @Test func everyFeatureSurvivesSerialization() throws {
        let model = SampleModels.everyFeature
        let decoded = try ONNXModel(serializedBytes: model.serializedBytes())
        #expect(decoded == model)
        #expect(decoded.serializedBytes() == model.serializedBytes())
    }

    @Test func decodedValuesAreReachableThroughAccessors() throws {
        let decoded = try ONNXModel(serializedBytes: SampleModels.everyFeature.serializedBytes())
        let node = try #require(decoded.graph.nodes.first)
        #expect(node.domain == "com.example")
        #expect(node.inputs == ["input", "", "weights"])
        #expect(node.attribute("alpha")?.float == 0.125)
        #expect(node.attribute("alpha")?.int == nil)
        #expect(node.attribute("axis")?.int == -1)
        #expect(node.attribute("big")?.int == Int64.min)
        #expect(node.attribute("auto_pad")?.string == "SAME_UPPER")
        #expect(node.attribute("pads")?.ints == [0, 1, -2, Int64.max])
        #expect(node.attribute("scales")?.floats == [1, 2.5, -0.0])
        #expect(node.attribute("modes")?.strings == ["a", "", "ü"])
        #expect(node.attribute("empty_ints")?.ints == [])
        #expect(node.attribute("body")?.graph?.nodes.first?.opType == "Identity")
        #expect(try node.attribute("value")?.tensor?.floatValues() == [1.5, -2])
        #expect(node.attribute("missing") == nil)
        #expect(decoded.graph.inputs.first?.shape == [.symbol("N"), .value(3), .unknown])
        #expect(decoded.graph.outputs.first?.shape == nil)
        #expect(decoded.graph.valueInfo.first?.elementType == nil)
        #expect(decoded.graph.valueInfo.first?.shape == [.value(0)])
        #expect(decoded.graph.initializer("weights")?.dims == [2, 3])
        #expect(decoded.opsetImports == [ONNXOperatorSetID(version: 12), ONNXOperatorSetID(domain: "com.example", version: 1)])
    }

    @Test func scalarShapeIsDistinctFromUnknownShape() throws {
        let graph = ONNXGraph(inputs: [ONNXValueInfo(name: "scalar", elementType: .float, shape: []),
                                       ONNXValueInfo(name: "unranked", elementType: .float, shape: nil)])
        let model = ONNXModel(irVersion: 7, opsetImports: [], graph: graph)
        let decoded = try ONNXModel(serializedBytes: model.serializedBytes())
        #expect(decoded.graph.inputs.map(\.shape) == [[], nil])
    }

    @Test func fileRoundTripAndFileErrorsNameTheFile() throws {
        let path = "/tmp/onnxformat-tests-\(UInt32.random(in: 0...UInt32.max)).onnx"
        defer { remove(path) }
        try SampleModels.everyFeature.write(to: path)
        #expect(try ONNXModel(contentsOf: path) == SampleModels.everyFeature)

        let model = ONNXModel(irVersion: 7, opsetImports: [], producerName: String(repeating: "x", count: 300), graph: ONNXGraph())
        try WholeFile.write(Array(model.serializedBytes()[0..<20]), to: path)
        let expected = "truncated at byte 3: 300 bytes declared, 15 left while reading ModelProto.producer_name"
        #expect(throws: ONNXError(source: path, reason: expected)) { try ONNXModel(contentsOf: path) }

        #expect(throws: ONNXError(source: path + ".missing", reason: "cannot open file (No such file or directory)")) {
            try ONNXModel(contentsOf: path + ".missing")
        }
        #expect(throws: ONNXError(source: "/tmp", reason: "cannot read file (Is a directory)")) {
            try ONNXModel(contentsOf: "/tmp")
        }
        #expect(throws: ONNXError(source: "/nonexistent-dir/m.onnx", reason: "cannot create file (No such file or directory)")) {
            try model.write(to: "/nonexistent-dir/m.onnx")
        }
    }
}
