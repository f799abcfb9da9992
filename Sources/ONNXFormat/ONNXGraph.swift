/// A computation graph: nodes in topological order, constant tensors (`initializers`), and
/// the declared graph inputs, outputs and intermediate values.
public struct ONNXGraph: Sendable, Equatable {
    public var name: String
    public var nodes: [ONNXNode]
    public var initializers: [ONNXTensor]
    public var inputs: [ONNXValueInfo]
    public var outputs: [ONNXValueInfo]
    public var valueInfo: [ONNXValueInfo]

    public init(
        name: String = "", nodes: [ONNXNode] = [], initializers: [ONNXTensor] = [], inputs: [ONNXValueInfo] = [],
        outputs: [ONNXValueInfo] = [], valueInfo: [ONNXValueInfo] = []
    ) {
        self.name = name
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = inputs
        self.outputs = outputs
        self.valueInfo = valueInfo
    }

    /// The initializer called `name`, if any.
    public func initializer(_ name: String) -> ONNXTensor? {
        initializers.first { $0.name == name }
    }
}
