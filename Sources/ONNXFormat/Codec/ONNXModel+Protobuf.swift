extension ONNXModel {
    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var irVersion: Int64 = 0
        var opsetImports: [ONNXOperatorSetID] = []
        var producerName = ""
        var producerVersion = ""
        var graph = ONNXGraph()
        try reader.readFields(ModelProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .irVersion: irVersion = try reader.readInt64()
            case .producerName: producerName = try reader.readString()
            case .producerVersion: producerVersion = try reader.readString()
            case .graph: graph = try reader.readMessage(ONNXGraph.init(protobuf:))
            case .opsetImport: opsetImports.append(try reader.readMessage(ONNXOperatorSetID.init(protobuf:)))
            }
        }
        self.init(
            irVersion: irVersion, opsetImports: opsetImports, producerName: producerName,
            producerVersion: producerVersion, graph: graph)
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeInt64(ModelProtoField.irVersion.rawValue, irVersion)
        writer.writeNonEmptyString(ModelProtoField.producerName.rawValue, producerName)
        writer.writeNonEmptyString(ModelProtoField.producerVersion.rawValue, producerVersion)
        writer.writeMessage(ModelProtoField.graph.rawValue, graph.encode(to:))
        for opset in opsetImports {
            writer.writeMessage(ModelProtoField.opsetImport.rawValue, opset.encode(to:))
        }
    }
}
