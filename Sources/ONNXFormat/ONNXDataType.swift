/// The element type of an ONNX tensor (`TensorProto.DataType`); values this module has no
/// name for are kept as they are.
public struct ONNXDataType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let undefined = ONNXDataType(rawValue: 0)
    public static let float = ONNXDataType(rawValue: 1)
    public static let uint8 = ONNXDataType(rawValue: 2)
    public static let int8 = ONNXDataType(rawValue: 3)
    public static let uint16 = ONNXDataType(rawValue: 4)
    public static let int16 = ONNXDataType(rawValue: 5)
    public static let int32 = ONNXDataType(rawValue: 6)
    public static let int64 = ONNXDataType(rawValue: 7)
    public static let string = ONNXDataType(rawValue: 8)
    public static let bool = ONNXDataType(rawValue: 9)
    public static let float16 = ONNXDataType(rawValue: 10)
    public static let double = ONNXDataType(rawValue: 11)
    public static let uint32 = ONNXDataType(rawValue: 12)
    public static let uint64 = ONNXDataType(rawValue: 13)
    public static let complex64 = ONNXDataType(rawValue: 14)
    public static let complex128 = ONNXDataType(rawValue: 15)
    public static let bfloat16 = ONNXDataType(rawValue: 16)

    private static let names = [
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL",
        "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4",
        "FLOAT4E2M1", "FLOAT8E8M0", "UINT2", "INT2", "FLOAT6E2M3", "FLOAT6E3M2",
    ]

    /// The name onnx.proto gives the type, such as `FLOAT`.
    public var description: String {
        Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "data type \(rawValue)"
    }

    /// Bytes per element in `raw_data`, for the whole-byte numeric types.
    public var byteWidth: Int? {
        switch self {
        case .uint8, .int8, .bool: 1
        case .uint16, .int16, .float16, .bfloat16: 2
        case .float, .int32, .uint32: 4
        case .int64, .uint64, .double, .complex64: 8
        case .complex128: 16
        default: nil
        }
    }
}
