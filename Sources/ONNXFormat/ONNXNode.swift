/// One operator application in a graph: `opType` (in `domain`, empty for `ai.onnx`) applied to
/// the values named by `inputs`, producing the values named by `outputs`.
/// An empty input name marks an omitted optional input.
public struct ONNXNode: Sendable, Equatable {
    public var name: String
    public var opType: String
    public var domain: String
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [ONNXAttribute]

    public init(
        name: String = "", opType: String, domain: String = "", inputs: [String], outputs: [String],
        attributes: [ONNXAttribute] = []
    ) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }

    /// The attribute called `name`, if the node has one.
    public func attribute(_ name: String) -> ONNXAttribute? {
        attributes.first { $0.name == name }
    }
}
