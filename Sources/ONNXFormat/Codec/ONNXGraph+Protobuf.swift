extension ONNXGraph {
    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var graph = ONNXGraph()
        try reader.readFields(GraphProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .node: graph.nodes.append(try reader.readMessage(ONNXNode.init(protobuf:)))
            case .name: graph.name = try reader.readString()
            case .initializer: graph.initializers.append(try reader.readMessage(ONNXTensor.init(protobuf:)))
            case .input: graph.inputs.append(try reader.readMessage(ONNXValueInfo.init(protobuf:)))
            case .output: graph.outputs.append(try reader.readMessage(ONNXValueInfo.init(protobuf:)))
            case .valueInfo: graph.valueInfo.append(try reader.readMessage(ONNXValueInfo.init(protobuf:)))
            }
        }
        self = graph
    }

    func encode(to writer: inout ProtobufWriter) {
        for node in nodes { writer.writeMessage(GraphProtoField.node.rawValue, node.encode(to:)) }
        writer.writeNonEmptyString(GraphProtoField.name.rawValue, name)
        for tensor in initializers { writer.writeMessage(GraphProtoField.initializer.rawValue, tensor.encode(to:)) }
        for value in inputs { writer.writeMessage(GraphProtoField.input.rawValue, value.encode(to:)) }
        for value in outputs { writer.writeMessage(GraphProtoField.output.rawValue, value.encode(to:)) }
        for value in valueInfo { writer.writeMessage(GraphProtoField.valueInfo.rawValue, value.encode(to:)) }
    }
}
