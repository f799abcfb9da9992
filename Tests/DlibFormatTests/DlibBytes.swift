import DlibFormat

/// Builds dlib-serialised bytes by hand for the tests, following dlib/serialize.h independently of the reader.
struct DlibBytes {
    var bytes: [UInt8] = []

    mutating func integer(_ value: Int64) {
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(magnitude & 0xFF))
            magnitude >>= 8
        } while magnitude != 0
        bytes.append(UInt8(digits.count) | (value < 0 ? 0x80 : 0))
        bytes += digits
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 0x31 : 0x30) }

    mutating func string(_ value: String) {
        integer(Int64(value.utf8.count))
        bytes += value.utf8
    }

    /// A float exactly representable as mantissa × 2^exponent, written as dlib writes it.
    mutating func float(mantissa: Int64, exponent: Int64) {
        integer(mantissa)
        integer(exponent)
    }

    mutating func float(_ value: Float) {
        guard value != 0 else { return float(mantissa: 0, exponent: 0) }
        float(mantissa: Int64(value.significandBitPattern | (1 << 23)) * (value < 0 ? -1 : 1),
              exponent: Int64(value.exponent) - 23)
    }

    mutating func shape(_ n: Int, _ k: Int, _ rows: Int, _ columns: Int) {
        for dimension in [n, k, rows, columns] { integer(Int64(dimension)) }
    }

    mutating func tensor(_ n: Int, _ k: Int, _ rows: Int, _ columns: Int, _ values: [Float]) {
        precondition(values.count == n * k * rows * columns)
        integer(2)
        shape(n, k, rows, columns)
        for value in values {
            let bits = value.bitPattern
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
    }

    mutating func alias(_ n: Int, _ k: Int, _ rows: Int, _ columns: Int) {
        integer(1)
        shape(n, k, rows, columns)
    }

    /// The three flags and three empty tensors dlib writes after every layer's details.
    mutating func trainingState() {
        bool(true)
        bool(true)
        bool(false)
        for _ in 0..<3 { tensor(0, 0, 0, 0, []) }
    }

    mutating func multipliers() {
        for value: Float in [1, 1, 1, 0] { float(value) }
    }
}
