import Testing
import ONNXFormat

@Suite struct DescriptionTests {
    @Test func nodeSummaryListsOperatorValuesAndAttributes() {
        let node = ONNXNode(
            name: "conv1", opType: "Conv", inputs: ["x", "w"], outputs: ["y"],
            attributes: [
                ONNXAttribute(name: "auto_pad", value: .string(Array("VALID".utf8))),
                ONNXAttribute(name: "kernel_shape", value: .ints([3, 3])),
                ONNXAttribute(name: "alpha", value: .float(0.5)),
                ONNXAttribute(name: "value", value: .tensor(ONNXTensor(name: "t", dims: [2, 1], floats: [1, 2]))),
            ])
        #expect(node.description
            == #"Conv conv1 (x, w) -> (y) {auto_pad="VALID", kernel_shape=[3, 3], alpha=0.5, value=<tensor FLOAT [2, 1]>}"#)
        let custom = ONNXNode(opType: "Gelu", domain: "com.microsoft", inputs: ["a"], outputs: ["b"])
        #expect(custom.description == "com.microsoft.Gelu (a) -> (b)")
    }
}
