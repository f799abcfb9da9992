/// Reads the values of dlib's serialisation format (dlib/serialize.h) one after another from bytes.
///
/// Every read names what it reads (`field`), and `layer` names the layer being read, so that an error says
/// exactly where the data went wrong. No byte sequence makes a read crash or allocate more than the data holds.
public struct DlibByteReader: Sendable {
    public let bytes: [UInt8]
    /// Where the next value starts.
    public private(set) var offset: Int = 0
    /// Names the data in errors: a file path, or `dlib data`.
    public var source: String
    /// The layer being read, e.g. `layer 17 (con_4)`; errors say `while reading <field> of <layer>`.
    public var layer: String?

    public init(_ bytes: [UInt8], source: String = "dlib data") {
        self.bytes = bytes
        self.source = source
    }

    public var isAtEnd: Bool { offset >= bytes.count }
    public var bytesLeft: Int { bytes.count - offset }

    /// An error about the value at `offset` (by default the next one), naming `field` and the current layer.
    public func error(_ cause: DlibFormatError.Cause, reading field: String, at offset: Int? = nil) -> DlibFormatError {
        let context = layer.map { "\(field) of \($0)" } ?? field
        return DlibFormatError(source: source, offset: offset ?? self.offset, cause: cause, context: context)
    }

    /// A signed integer as dlib writes every integer type: a control byte (0x80 when negative,
    /// low four bits = byte count 1…8) followed by the magnitude in little-endian bytes.
    public mutating func readInteger(_ field: String = "integer") throws(DlibFormatError) -> Int64 {
        let start = offset
        guard offset < bytes.count else { throw error(.truncated, reading: field) }
        let control = bytes[offset]
        let byteCount = Int(control & 0x0F)
        guard control & 0x70 == 0, (1...8).contains(byteCount) else {
            throw error(.invalid("invalid integer control byte \(hex(control))"), reading: field)
        }
        guard bytesLeft > byteCount else { throw error(.truncated, reading: field) }
        var magnitude: UInt64 = 0
        for index in 0..<byteCount {
            magnitude |= UInt64(bytes[offset + 1 + index]) << (8 * index)
        }
        let isNegative = control & 0x80 != 0
        let limit = isNegative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard magnitude <= limit else {
            throw error(.invalid("integer out of range"), reading: field, at: start)
        }
        offset += 1 + byteCount
        if isNegative { return magnitude == limit ? Int64.min : -Int64(magnitude) }
        return Int64(magnitude)
    }

    /// An integer that must lie in `range` (a size, a count, a version…).
    public mutating func readInteger(
        _ field: String, in range: ClosedRange<Int>
    ) throws(DlibFormatError) -> Int {
        let start = offset
        let value = try readInteger(field)
        guard let small = Int(exactly: value), range.contains(small) else {
            throw error(.invalid("\(field) \(value) is outside \(range.lowerBound)…\(range.upperBound)"),
                        reading: field, at: start)
        }
        return small
    }

    /// Reads a version integer and checks it.
    public mutating func expectVersion(_ expected: Int64, of field: String) throws(DlibFormatError) {
        let start = offset
        let version = try readInteger("version of \(field)")
        guard version == expected else {
            throw error(.invalid("\(field) has version \(version), expected \(expected)"), reading: field, at: start)
        }
    }

    /// A bool: the ASCII byte `1` or `0`.
    public mutating func readBool(_ field: String = "bool") throws(DlibFormatError) -> Bool {
        guard offset < bytes.count else { throw error(.truncated, reading: field) }
        let byte = bytes[offset]
        guard byte == UInt8(ascii: "1") || byte == UInt8(ascii: "0") else {
            throw error(.invalid("invalid bool byte \(hex(byte)) (expected '1' or '0')"), reading: field)
        }
        offset += 1
        return byte == UInt8(ascii: "1")
    }

    /// A string: its length as an integer, then that many bytes (UTF-8; dlib writes ASCII names).
    public mutating func readString(_ field: String = "string") throws(DlibFormatError) -> String {
        let start = offset
        let length = try readInteger("length of \(field)", in: 0...Int.max)
        guard length <= bytesLeft else { throw error(.truncated, reading: field, at: start) }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// Reads a string and checks that it is `expected` (dlib's way of versioning a layer's details).
    public mutating func expectString(_ expected: String, of field: String) throws(DlibFormatError) {
        let start = offset
        let found = try readString(field)
        guard found == expected else {
            throw error(.invalid("found '\(found)' where '\(expected)' was expected"), reading: field, at: start)
        }
    }

    /// A float or double as dlib stores scalars (float_details): an int64 mantissa then an int16 exponent,
    /// value = mantissa × 2^exponent; exponents 32000…32003 mean +∞, −∞, signalling and quiet NaN.
    public mutating func readFloat(_ field: String = "float") throws(DlibFormatError) -> Double {
        let mantissa = try readInteger("mantissa of \(field)")
        let exponentOffset = offset
        let exponent = try readInteger("exponent of \(field)")
        switch exponent {
        case 32000: return .infinity
        case 32001: return -.infinity
        case 32002: return .signalingNaN
        case 32003: return .nan
        case Int64(Int16.min)...Int64(Int16.max):
            let sign: FloatingPointSign = mantissa < 0 ? .minus : .plus
            return Double(sign: sign, exponent: Int(exponent), significand: Double(mantissa.magnitude))
        default:
            throw error(.invalid("float exponent \(exponent) is not a 16-bit integer"), reading: field,
                        at: exponentOffset)
        }
    }

    /// Four tensor dimensions (samples, channels, rows, columns), each a non-negative integer,
    /// whose product is representable.
    public mutating func readShape(_ field: String = "tensor") throws(DlibFormatError) -> DlibTensorShape {
        let start = offset
        var dimensions: [Int] = []
        for name in ["samples", "channels", "rows", "columns"] {
            dimensions.append(try readInteger("\(name) of \(field)", in: 0...Int(Int32.max)))
        }
        let shape = DlibTensorShape(
            samples: dimensions[0], channels: dimensions[1], rows: dimensions[2], columns: dimensions[3])
        var count = 1
        for dimension in dimensions {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int.max / 4 else {
                throw error(.invalid("tensor shape \(shape) is too large"), reading: field, at: start)
            }
            count = product
        }
        return shape
    }

    /// A tensor (`resizable_tensor`, version 2): its shape, then the values as little-endian float32.
    public mutating func readTensor(_ field: String = "tensor") throws(DlibFormatError) -> DlibTensor {
        try expectVersion(2, of: field)
        let shape = try readShape(field)
        let byteCount = shape.count * 4
        guard byteCount <= bytesLeft else { throw error(.truncated, reading: "values of \(field) \(shape)") }
        let values = bytes.withUnsafeBytes { raw in
            let base = offset
            return [Float](unsafeUninitializedCapacity: shape.count) { buffer, initialized in
                for index in 0..<shape.count {
                    let bits = raw.loadUnaligned(fromByteOffset: base + 4 * index, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                initialized = shape.count
            }
        }
        offset += byteCount
        return DlibTensor(shape: shape, values: values)
    }

    /// An alias tensor (a view into a layer's parameter tensor, version 1): its shape only.
    public mutating func readAliasTensor(_ field: String = "alias tensor") throws(DlibFormatError) -> DlibTensorShape {
        try expectVersion(1, of: field)
        return try readShape(field)
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: false)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
