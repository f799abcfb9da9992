/// A value's declared type, read from `TypeProto.tensor_type`; other kinds of type leave both nil.
extension ONNXValueInfo {
    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var info = ONNXValueInfo(name: "")
        try reader.readFields(ValueInfoProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .name: info.name = try reader.readString()
            case .type: try reader.readMessage { (reader) throws(ProtobufDecodingError) in try info.readType(&reader) }
            }
        }
        self = info
    }

    private mutating func readType(_ reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var elementType: ONNXDataType?
        var shape: [ONNXDimension]?
        try reader.readFields(TypeProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .tensorType:
                try reader.readMessage { (reader) throws(ProtobufDecodingError) in
                    try reader.readFields(TypeProtoTensorField.self) { (field, reader) throws(ProtobufDecodingError) in
                        switch field {
                        case .elemType: elementType = ONNXDataType(rawValue: try reader.readInt32())
                        case .shape: shape = try reader.readMessage(Self.readShape)
                        }
                    }
                }
            }
        }
        self.elementType = elementType
        self.shape = shape
    }

    private static func readShape(_ reader: inout ProtobufReader) throws(ProtobufDecodingError) -> [ONNXDimension] {
        var dimensions: [ONNXDimension] = []
        try reader.readFields(TensorShapeProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .dim: dimensions.append(try reader.readMessage(readDimension))
            }
        }
        return dimensions
    }

    private static func readDimension(_ reader: inout ProtobufReader) throws(ProtobufDecodingError) -> ONNXDimension {
        var dimension = ONNXDimension.unknown
        try reader.readFields(TensorShapeProtoDimensionField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .dimValue: dimension = .value(try reader.readInt64())
            case .dimParam: dimension = .symbol(try reader.readString())
            }
        }
        return dimension
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeString(ValueInfoProtoField.name.rawValue, name)
        guard elementType != nil || shape != nil else { return }
        writer.writeMessage(ValueInfoProtoField.type.rawValue) { writer in
            writer.writeMessage(TypeProtoField.tensorType.rawValue) { writer in
                if let elementType { writer.writeInt32(TypeProtoTensorField.elemType.rawValue, elementType.rawValue) }
                if let shape {
                    writer.writeMessage(TypeProtoTensorField.shape.rawValue) { writer in
                        for dimension in shape { Self.encode(dimension, to: &writer) }
                    }
                }
            }
        }
    }

    private static func encode(_ dimension: ONNXDimension, to writer: inout ProtobufWriter) {
        writer.writeMessage(TensorShapeProtoField.dim.rawValue) { writer in
            switch dimension {
            case .value(let size): writer.writeInt64(TensorShapeProtoDimensionField.dimValue.rawValue, size)
            case .symbol(let name): writer.writeString(TensorShapeProtoDimensionField.dimParam.rawValue, name)
            case .unknown: break
            }
        }
    }
}
