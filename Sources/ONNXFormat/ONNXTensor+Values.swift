/// The elements of a tensor as Swift numbers, whichever form the file stores them in.
extension ONNXTensor {
    /// The elements as floats: from FLOAT, DOUBLE, FLOAT16, BFLOAT16 or any integer type,
    /// read from `raw_data` when present, otherwise from the typed array for the type.
    public func floatValues() throws(ONNXError) -> [Float] {
        let count = try checkedElementCount()
        switch dataType {
        case .float:
            if rawData != nil { return try rawValues(UInt32.self, count: count).map(Float.init(bitPattern:)) }
            return try checked(floatData, "float_data", count: count)
        case .double:
            if rawData != nil { return try rawValues(UInt64.self, count: count).map { Float(Double(bitPattern: $0)) } }
            return try checked(doubleData, "double_data", count: count).map(Float.init)
        case .float16:
            return try halfWidthBits(count: count).map(Self.floatFromHalfBits)
        case .bfloat16:
            return try halfWidthBits(count: count).map { Float(bitPattern: UInt32($0) << 16) }
        case .int8, .uint8, .int16, .uint16, .int32, .int64, .uint32, .uint64, .bool:
            return try int64Values().map(Float.init)
        default:
            throw failure("\(dataType) elements cannot be read as floats")
        }
    }

    /// The elements as 64-bit integers, from any integer or BOOL tensor.
    public func int64Values() throws(ONNXError) -> [Int64] {
        let count = try checkedElementCount()
        switch dataType {
        case .int64:
            if rawData != nil { return try rawValues(Int64.self, count: count) }
            return try checked(int64Data, "int64_data", count: count)
        case .uint64:
            let values = rawData != nil ? try rawValues(UInt64.self, count: count) : try checked(uint64Data, "uint64_data", count: count)
            guard let tooLarge = values.first(where: { $0 > UInt64(Int64.max) }) else { return values.map(Int64.init) }
            throw failure("UINT64 element \(tooLarge) does not fit in Int64")
        case .uint32:
            if rawData != nil { return try rawValues(UInt32.self, count: count).map(Int64.init) }
            return try checked(uint64Data, "uint64_data", count: count).map { Int64(truncatingIfNeeded: $0) }
        case .int32:
            if rawData != nil { return try rawValues(Int32.self, count: count).map(Int64.init) }
            return try int32DataValues(count: count)
        case .int16:
            if rawData != nil { return try rawValues(Int16.self, count: count).map(Int64.init) }
            return try int32DataValues(count: count)
        case .uint16:
            if rawData != nil { return try rawValues(UInt16.self, count: count).map(Int64.init) }
            return try int32DataValues(count: count)
        case .int8:
            if rawData != nil { return try rawValues(Int8.self, count: count).map(Int64.init) }
            return try int32DataValues(count: count)
        case .uint8, .bool:
            if rawData != nil { return try rawValues(UInt8.self, count: count).map(Int64.init) }
            return try int32DataValues(count: count)
        default:
            throw failure("\(dataType) elements cannot be read as integers")
        }
    }

    private func failure(_ reason: String) -> ONNXError {
        ONNXError(source: "tensor '\(name)'", reason: reason)
    }

    private var dimsDescription: String { "[\(dims.map(String.init).joined(separator: ", "))]" }

    private func checkedElementCount() throws(ONNXError) -> Int {
        guard !isStoredExternally else { throw failure("data is stored in an external file, which is not supported") }
        guard let count = elementCount else { throw failure("invalid dims \(dimsDescription)") }
        return count
    }

    private func checked<T>(_ values: [T], _ field: String, count: Int) throws(ONNXError) -> [T] {
        guard values.count == count else {
            throw failure("\(field) holds \(values.count) values, dims \(dimsDescription) need \(count)")
        }
        return values
    }

    private func int32DataValues(count: Int) throws(ONNXError) -> [Int64] {
        try checked(int32Data, "int32_data", count: count).map(Int64.init)
    }

    private func rawValues<T: FixedWidthInteger>(_: T.Type, count: Int) throws(ONNXError) -> [T] {
        let raw = rawData ?? []
        let width = MemoryLayout<T>.size
        guard raw.count == count * width else {
            throw failure("raw_data holds \(raw.count) bytes, dims \(dimsDescription) of \(dataType) need \(count * width)")
        }
        return raw.withUnsafeBytes { bytes in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: index * width, as: T.self))
                }
                initialized = count
            }
        }
    }

    /// FLOAT16 and BFLOAT16 bit patterns: two bytes each in `raw_data`, or one per `int32_data` entry.
    private func halfWidthBits(count: Int) throws(ONNXError) -> [UInt16] {
        if rawData != nil { return try rawValues(UInt16.self, count: count) }
        return try checked(int32Data, "int32_data", count: count).map { UInt16(truncatingIfNeeded: $0) }
    }

    static func floatFromHalfBits(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10 & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            return sign * Float(mantissa) * 0x1p-24
        case 31:
            return sign * (mantissa == 0 ? Float.infinity : Float.nan)
        default:
            return sign * Float(bitPattern: UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
        }
    }
}
