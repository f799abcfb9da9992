// The onnx.proto messages and field numbers this module reads and writes.

enum ModelProtoField: Int, ProtobufFieldSet {
    case irVersion = 1, producerName = 2, producerVersion = 3, graph = 7, opsetImport = 8
    static let messageName = "ModelProto"
}

enum OperatorSetIdProtoField: Int, ProtobufFieldSet {
    case domain = 1, version = 2
    static let messageName = "OperatorSetIdProto"
}

enum GraphProtoField: Int, ProtobufFieldSet {
    case node = 1, name = 2, initializer = 5, input = 11, output = 12, valueInfo = 13
    static let messageName = "GraphProto"
}

enum NodeProtoField: Int, ProtobufFieldSet {
    case input = 1, output = 2, name = 3, opType = 4, attribute = 5, domain = 7
    static let messageName = "NodeProto"
}

enum AttributeProtoField: Int, ProtobufFieldSet {
    case name = 1, f = 2, i = 3, s = 4, t = 5, g = 6, floats = 7, ints = 8, strings = 9, tensors = 10, graphs = 11
    case tp = 14, typeProtos = 15, type = 20, sparseTensor = 22, sparseTensors = 23
    static let messageName = "AttributeProto"
}

enum TensorProtoField: Int, ProtobufFieldSet {
    case dims = 1, dataType = 2, floatData = 4, int32Data = 5, stringData = 6, int64Data = 7, name = 8
    case rawData = 9, doubleData = 10, uint64Data = 11, dataLocation = 14
    static let messageName = "TensorProto"
}

enum ValueInfoProtoField: Int, ProtobufFieldSet {
    case name = 1, type = 2
    static let messageName = "ValueInfoProto"
}

enum TypeProtoField: Int, ProtobufFieldSet {
    case tensorType = 1
    static let messageName = "TypeProto"
}

enum TypeProtoTensorField: Int, ProtobufFieldSet {
    case elemType = 1, shape = 2
    static let messageName = "TypeProto.Tensor"
}

enum TensorShapeProtoField: Int, ProtobufFieldSet {
    case dim = 1
    static let messageName = "TensorShapeProto"
}

enum TensorShapeProtoDimensionField: Int, ProtobufFieldSet {
    case dimValue = 1, dimParam = 2
    static let messageName = "TensorShapeProto.Dimension"
}
