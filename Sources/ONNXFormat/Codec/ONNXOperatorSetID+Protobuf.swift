extension ONNXOperatorSetID {
    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var domain = ""
        var version: Int64 = 0
        try reader.readFields(OperatorSetIdProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .domain: domain = try reader.readString()
            case .version: version = try reader.readInt64()
            }
        }
        self.init(domain: domain, version: version)
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeNonEmptyString(OperatorSetIdProtoField.domain.rawValue, domain)
        writer.writeInt64(OperatorSetIdProtoField.version.rawValue, version)
    }
}
