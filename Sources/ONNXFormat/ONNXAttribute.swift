/// A named attribute of a node, such as Conv's `kernel_shape`.
/// The typed accessors return nil when the value is of another kind.
public struct ONNXAttribute: Sendable, Equatable {
    public var name: String
    public var value: ONNXAttributeValue

    public init(name: String, value: ONNXAttributeValue) {
        self.name = name
        self.value = value
    }

    public var int: Int64? {
        if case .int(let value) = value { return value }
        return nil
    }

    public var float: Float? {
        if case .float(let value) = value { return value }
        return nil
    }

    public var ints: [Int64]? {
        if case .ints(let values) = value { return values }
        return nil
    }

    public var floats: [Float]? {
        if case .floats(let values) = value { return values }
        return nil
    }

    /// A `string` attribute decoded as UTF-8.
    public var string: String? {
        if case .string(let bytes) = value { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    /// `strings` decoded as UTF-8.
    public var strings: [String]? {
        if case .strings(let values) = value { return values.map { String(decoding: $0, as: UTF8.self) } }
        return nil
    }

    public var tensor: ONNXTensor? {
        if case .tensor(let value) = value { return value }
        return nil
    }

    public var graph: ONNXGraph? {
        if case .graph(let value) = value { return value }
        return nil
    }
}
