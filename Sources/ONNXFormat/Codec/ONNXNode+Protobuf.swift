extension ONNXNode {
    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var node = ONNXNode(opType: "", inputs: [], outputs: [])
        try reader.readFields(NodeProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .input: node.inputs.append(try reader.readString())
            case .output: node.outputs.append(try reader.readString())
            case .name: node.name = try reader.readString()
            case .opType: node.opType = try reader.readString()
            case .attribute: node.attributes.append(try reader.readMessage(ONNXAttribute.init(protobuf:)))
            case .domain: node.domain = try reader.readString()
            }
        }
        self = node
    }

    func encode(to writer: inout ProtobufWriter) {
        for input in inputs { writer.writeString(NodeProtoField.input.rawValue, input) }
        for output in outputs { writer.writeString(NodeProtoField.output.rawValue, output) }
        writer.writeNonEmptyString(NodeProtoField.name.rawValue, name)
        writer.writeString(NodeProtoField.opType.rawValue, opType)
        for attribute in attributes { writer.writeMessage(NodeProtoField.attribute.rawValue, attribute.encode(to:)) }
        writer.writeNonEmptyString(NodeProtoField.domain.rawValue, domain)
    }
}
