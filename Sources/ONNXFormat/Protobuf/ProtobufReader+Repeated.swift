/// Repeated scalar fields, accepted both packed (one length-delimited run) and unpacked
/// (one key per value), as protobuf parsers must.
extension ProtobufReader {
    mutating func appendInt64s(to values: inout [Int64]) throws(ProtobufDecodingError) {
        if fieldWireType == .lengthDelimited {
            try readPacked { (inner) throws(ProtobufDecodingError) in
                values.append(Int64(bitPattern: try inner.readVarint()))
            }
        } else {
            values.append(try readInt64())
        }
    }

    mutating func appendUInt64s(to values: inout [UInt64]) throws(ProtobufDecodingError) {
        if fieldWireType == .lengthDelimited {
            try readPacked { (inner) throws(ProtobufDecodingError) in values.append(try inner.readVarint()) }
        } else {
            try expect(.varint, "a varint")
            values.append(try readVarint())
        }
    }

    mutating func appendInt32s(to values: inout [Int32]) throws(ProtobufDecodingError) {
        if fieldWireType == .lengthDelimited {
            try readPacked { (inner) throws(ProtobufDecodingError) in
                values.append(Int32(truncatingIfNeeded: try inner.readVarint()))
            }
        } else {
            values.append(try readInt32())
        }
    }

    mutating func appendFloats(to values: inout [Float]) throws(ProtobufDecodingError) {
        if fieldWireType == .lengthDelimited {
            let run = try readPackedFixedWidth(width: 4)
            values.reserveCapacity(values.count + run.count / 4)
            for offset in stride(from: 0, to: run.count, by: 4) {
                values.append(Float(bitPattern: UInt32(littleEndian: run.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
            }
        } else {
            values.append(try readFloat())
        }
    }

    mutating func appendDoubles(to values: inout [Double]) throws(ProtobufDecodingError) {
        if fieldWireType == .lengthDelimited {
            let run = try readPackedFixedWidth(width: 8)
            values.reserveCapacity(values.count + run.count / 8)
            for offset in stride(from: 0, to: run.count, by: 8) {
                values.append(Double(bitPattern: UInt64(littleEndian: run.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            }
        } else {
            try expect(.fixed64, "a fixed64 double")
            values.append(Double(bitPattern: try readFixed64Bits()))
        }
    }
}
