/// The value of a node attribute, one case per `AttributeProto.AttributeType` this module supports.
/// Strings are bytes, as in the file; `ONNXAttribute.string` decodes them as UTF-8.
public enum ONNXAttributeValue: Sendable, Equatable {
    case float(Float)
    case int(Int64)
    case string([UInt8])
    case tensor(ONNXTensor)
    case graph(ONNXGraph)
    case floats([Float])
    case ints([Int64])
    case strings([[UInt8]])
    case tensors([ONNXTensor])
    case graphs([ONNXGraph])
}
