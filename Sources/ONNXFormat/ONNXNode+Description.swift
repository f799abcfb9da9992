/// One-line summaries for logs and model inspection, e.g.
/// `Conv conv2d (input_1, conv2d/kernel:0) -> (conv2d/BiasAdd:0) {kernel_shape=[3, 3], strides=[1, 1]}`.
extension ONNXNode: CustomStringConvertible {
    public var description: String {
        let qualifiedOp = domain.isEmpty ? opType : "\(domain).\(opType)"
        let label = name.isEmpty ? qualifiedOp : "\(qualifiedOp) \(name)"
        var line = "\(label) (\(inputs.joined(separator: ", "))) -> (\(outputs.joined(separator: ", ")))"
        if !attributes.isEmpty {
            line += " {\(attributes.map(\.description).joined(separator: ", "))}"
        }
        return line
    }
}

extension ONNXAttribute: CustomStringConvertible {
    public var description: String { "\(name)=\(value)" }
}

extension ONNXAttributeValue: CustomStringConvertible {
    public var description: String {
        func list<T>(_ values: [T], _ describe: (T) -> String) -> String {
            "[\(values.map(describe).joined(separator: ", "))]"
        }
        func quoted(_ bytes: [UInt8]) -> String { "\"\(String(decoding: bytes, as: UTF8.self))\"" }
        switch self {
        case .float(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .string(let value): return quoted(value)
        case .tensor(let value): return value.shapeDescription
        case .graph(let value): return "<graph \(value.name)>"
        case .floats(let values): return list(values) { "\($0)" }
        case .ints(let values): return list(values) { "\($0)" }
        case .strings(let values): return list(values, quoted)
        case .tensors(let values): return list(values) { $0.shapeDescription }
        case .graphs(let values): return list(values) { "<graph \($0.name)>" }
        }
    }
}

extension ONNXTensor {
    /// `<tensor FLOAT [10, 3, 3, 3]>`
    public var shapeDescription: String {
        "<tensor \(dataType) [\(dims.map(String.init).joined(separator: ", "))]>"
    }
}
