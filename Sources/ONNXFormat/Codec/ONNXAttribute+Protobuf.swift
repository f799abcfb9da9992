extension ONNXAttribute {
    /// `AttributeProto.AttributeType` values.
    private enum Kind: Int32 {
        case undefined = 0, float, int, string, tensor, graph, floats, ints, strings, tensors, graphs
        case sparseTensor, sparseTensors, typeProto, typeProtos

        var name: String {
            ["UNDEFINED", "FLOAT", "INT", "STRING", "TENSOR", "GRAPH", "FLOATS", "INTS", "STRINGS", "TENSORS",
             "GRAPHS", "SPARSE_TENSOR", "SPARSE_TENSORS", "TYPE_PROTO", "TYPE_PROTOS"][Int(rawValue)]
        }
    }

    init(protobuf reader: inout ProtobufReader) throws(ProtobufDecodingError) {
        var name = ""
        var declaredKind: Int32 = 0
        var float: Float?
        var int: Int64?
        var string: [UInt8]?
        var tensor: ONNXTensor?
        var graph: ONNXGraph?
        var floats: [Float] = []
        var ints: [Int64] = []
        var strings: [[UInt8]] = []
        var tensors: [ONNXTensor] = []
        var graphs: [ONNXGraph] = []
        var unsupportedKind: Kind?
        try reader.readFields(AttributeProtoField.self) { (field, reader) throws(ProtobufDecodingError) in
            switch field {
            case .name: name = try reader.readString()
            case .type: declaredKind = try reader.readInt32()
            case .f: float = try reader.readFloat()
            case .i: int = try reader.readInt64()
            case .s: string = try reader.readBytes()
            case .t: tensor = try reader.readMessage(ONNXTensor.init(protobuf:))
            case .g: graph = try reader.readMessage(ONNXGraph.init(protobuf:))
            case .floats: try reader.appendFloats(to: &floats)
            case .ints: try reader.appendInt64s(to: &ints)
            case .strings: strings.append(try reader.readBytes())
            case .tensors: tensors.append(try reader.readMessage(ONNXTensor.init(protobuf:)))
            case .graphs: graphs.append(try reader.readMessage(ONNXGraph.init(protobuf:)))
            case .sparseTensor: unsupportedKind = .sparseTensor; _ = try reader.readBytes()
            case .sparseTensors: unsupportedKind = .sparseTensors; _ = try reader.readBytes()
            case .tp: unsupportedKind = .typeProto; _ = try reader.readBytes()
            case .typeProtos: unsupportedKind = .typeProtos; _ = try reader.readBytes()
            }
        }

        guard var kind = Kind(rawValue: declaredKind) else {
            throw reader.error(.invalidContent("attribute '\(name)' has unknown type \(declaredKind)"))
        }
        if kind == .undefined {
            kind = float != nil ? .float : int != nil ? .int : string != nil ? .string
                : tensor != nil ? .tensor : graph != nil ? .graph : !floats.isEmpty ? .floats
                : !ints.isEmpty ? .ints : !strings.isEmpty ? .strings : !tensors.isEmpty ? .tensors
                : !graphs.isEmpty ? .graphs : unsupportedKind ?? .undefined
        }
        let value: ONNXAttributeValue
        switch kind {
        case .float: value = .float(float ?? 0)
        case .int: value = .int(int ?? 0)
        case .string: value = .string(string ?? [])
        case .tensor: value = .tensor(tensor ?? ONNXTensor(name: "", dims: [], dataType: .undefined))
        case .graph: value = .graph(graph ?? ONNXGraph())
        case .floats: value = .floats(floats)
        case .ints: value = .ints(ints)
        case .strings: value = .strings(strings)
        case .tensors: value = .tensors(tensors)
        case .graphs: value = .graphs(graphs)
        case .undefined:
            throw reader.error(.invalidContent("attribute '\(name)' has neither a type nor a value"))
        case .sparseTensor, .sparseTensors, .typeProto, .typeProtos:
            throw reader.error(.invalidContent("attribute '\(name)' is of unsupported type \(kind.name)"))
        }
        self.init(name: name, value: value)
    }

    /// Lists are written unpacked, as proto2 declares them in onnx.proto.
    func encode(to writer: inout ProtobufWriter) {
        writer.writeString(AttributeProtoField.name.rawValue, name)
        let kind: Kind
        switch value {
        case .float(let value):
            kind = .float
            writer.writeFloat(AttributeProtoField.f.rawValue, value)
        case .int(let value):
            kind = .int
            writer.writeInt64(AttributeProtoField.i.rawValue, value)
        case .string(let value):
            kind = .string
            writer.writeBytes(AttributeProtoField.s.rawValue, value)
        case .tensor(let value):
            kind = .tensor
            writer.writeMessage(AttributeProtoField.t.rawValue, value.encode(to:))
        case .graph(let value):
            kind = .graph
            writer.writeMessage(AttributeProtoField.g.rawValue, value.encode(to:))
        case .floats(let values):
            kind = .floats
            for value in values { writer.writeFloat(AttributeProtoField.floats.rawValue, value) }
        case .ints(let values):
            kind = .ints
            for value in values { writer.writeInt64(AttributeProtoField.ints.rawValue, value) }
        case .strings(let values):
            kind = .strings
            for value in values { writer.writeBytes(AttributeProtoField.strings.rawValue, value) }
        case .tensors(let values):
            kind = .tensors
            for value in values { writer.writeMessage(AttributeProtoField.tensors.rawValue, value.encode(to:)) }
        case .graphs(let values):
            kind = .graphs
            for value in values { writer.writeMessage(AttributeProtoField.graphs.rawValue, value.encode(to:)) }
        }
        writer.writeInt32(AttributeProtoField.type.rawValue, kind.rawValue)
    }
}
