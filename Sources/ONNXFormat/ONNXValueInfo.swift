/// A named value of a graph (an input, output or intermediate) with its declared tensor type:
/// `elementType` and `shape` are nil when the model does not declare them or the value is not a tensor.
public struct ONNXValueInfo: Sendable, Equatable {
    public var name: String
    public var elementType: ONNXDataType?
    public var shape: [ONNXDimension]?

    public init(name: String, elementType: ONNXDataType? = nil, shape: [ONNXDimension]? = nil) {
        self.name = name
        self.elementType = elementType
        self.shape = shape
    }
}
