/// A tensor stored in a model (an initializer or an attribute value) in the form the file
/// keeps it: `rawData` (little-endian bytes) or one of the typed arrays. Use `floatValues()`
/// or `int64Values()` to get the elements whatever the form.
public struct ONNXTensor: Sendable, Equatable {
    public var name: String
    public var dims: [Int64]
    public var dataType: ONNXDataType
    public var rawData: [UInt8]?
    public var floatData: [Float] = []
    /// Also holds int8/uint8/int16/uint16/bool values and float16 bit patterns.
    public var int32Data: [Int32] = []
    public var int64Data: [Int64] = []
    public var doubleData: [Double] = []
    /// Also holds uint32 values.
    public var uint64Data: [UInt64] = []
    public var stringData: [[UInt8]] = []
    /// The data lives in a separate file (`data_location = EXTERNAL`), which this module does not read.
    public var isStoredExternally = false

    /// An empty tensor of `dataType`, to be filled through the data properties.
    public init(name: String, dims: [Int64], dataType: ONNXDataType, rawData: [UInt8]? = nil) {
        self.name = name
        self.dims = dims
        self.dataType = dataType
        self.rawData = rawData
    }

    /// A float tensor stored as `raw_data`.
    public init(name: String, dims: [Int64], floats: [Float]) {
        self.init(name: name, dims: dims, dataType: .float, rawData: Self.littleEndianBytes(floats.map(\.bitPattern)))
    }

    /// An int64 tensor stored as `raw_data`.
    public init(name: String, dims: [Int64], int64s: [Int64]) {
        self.init(name: name, dims: dims, dataType: .int64, rawData: Self.littleEndianBytes(int64s))
    }

    /// The number of elements `dims` describe (1 for a scalar), or nil if a dimension is negative
    /// or the product overflows.
    public var elementCount: Int? {
        var count = 1
        for dim in dims {
            guard dim >= 0, let size = Int(exactly: dim) else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    private static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        #if _endian(little)
        return values.withUnsafeBytes { Array($0) }
        #else
        return values.map(\.littleEndian).withUnsafeBytes { Array($0) }
        #endif
    }
}
