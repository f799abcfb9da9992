@testable import ONNXFormat

/// Models and tensors built in code for the tests.
enum SampleModels {
    static let subgraph = ONNXGraph(
        name: "body",
        nodes: [ONNXNode(name: "inner", opType: "Identity", inputs: ["x"], outputs: ["y"])],
        inputs: [ONNXValueInfo(name: "x", elementType: .float, shape: [])],
        outputs: [ONNXValueInfo(name: "y")])

    static let smallTensor = ONNXTensor(name: "t", dims: [2], floats: [1.5, -2])

    /// A node for each attribute kind, initializers in several storage forms, and value infos
    /// with fixed, symbolic and unknown dimensions.
    static let everyFeature: ONNXModel = {
        var floatData = ONNXTensor(name: "bias", dims: [3], dataType: .float)
        floatData.floatData = [0.25, -1, 1e-7]
        var int32Data = ONNXTensor(name: "small_ints", dims: [2, 2], dataType: .int8)
        int32Data.int32Data = [-128, 127, 0, -1]
        var doubleData = ONNXTensor(name: "doubles", dims: [], dataType: .double)
        doubleData.doubleData = [3.25]
        let attributes: [ONNXAttribute] = [
            ONNXAttribute(name: "alpha", value: .float(0.125)),
            ONNXAttribute(name: "axis", value: .int(-1)),
            ONNXAttribute(name: "big", value: .int(Int64.min)),
            ONNXAttribute(name: "auto_pad", value: .string(Array("SAME_UPPER".utf8))),
            ONNXAttribute(name: "value", value: .tensor(smallTensor)),
            ONNXAttribute(name: "body", value: .graph(subgraph)),
            ONNXAttribute(name: "scales", value: .floats([1, 2.5, -0.0])),
            ONNXAttribute(name: "pads", value: .ints([0, 1, -2, Int64.max])),
            ONNXAttribute(name: "modes", value: .strings([Array("a".utf8), [], Array("ü".utf8)])),
            ONNXAttribute(name: "tensor_list", value: .tensors([smallTensor, floatData])),
            ONNXAttribute(name: "branches", value: .graphs([subgraph, ONNXGraph()])),
            ONNXAttribute(name: "empty_ints", value: .ints([])),
        ]
        let graph = ONNXGraph(
            name: "sample",
            nodes: [
                ONNXNode(name: "everything", opType: "Custom", domain: "com.example", inputs: ["input", "", "weights"],
                         outputs: ["hidden"], attributes: attributes),
                ONNXNode(opType: "Relu", inputs: ["hidden"], outputs: ["output"]),
            ],
            initializers: [
                ONNXTensor(name: "weights", dims: [2, 3], floats: [1, 2, 3, 4, 5, 6]),
                ONNXTensor(name: "shape", dims: [2], int64s: [-1, 6]),
                floatData, int32Data, doubleData,
            ],
            inputs: [ONNXValueInfo(name: "input", elementType: .float, shape: [.symbol("N"), .value(3), .unknown])],
            outputs: [ONNXValueInfo(name: "output", elementType: .float, shape: nil)],
            valueInfo: [ONNXValueInfo(name: "hidden", elementType: nil, shape: [.value(0)])])
        return ONNXModel(
            irVersion: 7, opsetImports: [ONNXOperatorSetID(version: 12), ONNXOperatorSetID(domain: "com.example", version: 1)],
            producerName: "facewatch-tests", producerVersion: "1.0", graph: graph)
    }()
}

/// A deterministic pseudo-random generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
