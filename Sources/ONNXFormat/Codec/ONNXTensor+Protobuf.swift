extension ONNXTensor {
    private static let externalDataLocation: Int32 = 1

    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var tensor = ONNXTensor(name: "", dims: [], dataType: .undefined)
        try reader.readFields(TensorProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .dims: try reader.appendInt64s(to: &tensor.dims)
            case .dataType: tensor.dataType = ONNXDataType(rawValue: try reader.readInt32())
            case .floatData: try reader.appendFloats(to: &tensor.floatData)
            case .int32Data: try reader.appendInt32s(to: &tensor.int32Data)
            case .stringData: tensor.stringData.append(try reader.readBytes())
            case .int64Data: try reader.appendInt64s(to: &tensor.int64Data)
            case .name: tensor.name = try reader.readString()
            case .rawData: tensor.rawData = try reader.readBytes()
            case .doubleData: try reader.appendDoubles(to: &tensor.doubleData)
            case .uint64Data: try reader.appendUInt64s(to: &tensor.uint64Data)
            case .dataLocation: tensor.isStoredExternally = try reader.readInt32() == Self.externalDataLocation
            }
        }
        self = tensor
    }

    /// `dims` are written unpacked as proto2 declares them; the data arrays packed, as declared.
    func encode(to writer: inout ProtobufWriter) {
        for dim in dims { writer.writeInt64(TensorProtoField.dims.rawValue, dim) }
        writer.writeInt32(TensorProtoField.dataType.rawValue, dataType.rawValue)
        writer.writePackedFloats(TensorProtoField.floatData.rawValue, floatData)
        writer.writePackedInt32s(TensorProtoField.int32Data.rawValue, int32Data)
        for string in stringData { writer.writeBytes(TensorProtoField.stringData.rawValue, string) }
        writer.writePackedInt64s(TensorProtoField.int64Data.rawValue, int64Data)
        writer.writeNonEmptyString(TensorProtoField.name.rawValue, name)
        if let rawData { writer.writeBytes(TensorProtoField.rawData.rawValue, rawData) }
        writer.writePackedDoubles(TensorProtoField.doubleData.rawValue, doubleData)
        writer.writePackedUInt64s(TensorProtoField.uint64Data.rawValue, uint64Data)
        if isStoredExternally { writer.writeInt32(TensorProtoField.dataLocation.rawValue, Self.externalDataLocation) }
    }
}
