/// Builds one compact JSON object as UTF-8 bytes, members in the order they are added.
///
/// Keys are written as given: callers pass fixed ASCII names that need no escaping.
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []
    private var hasMembers = false

    init(capacity: Int = 192) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func finish() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func add(_ key: StaticString, string value: String) {
        beginMember(key)
        appendString(value)
    }

    mutating func add(_ key: StaticString, integer value: Int) {
        beginMember(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func add(_ key: StaticString, number value: Double, decimals: Int) {
        beginMember(key)
        appendNumber(value, decimals: decimals)
    }

    mutating func add(_ key: StaticString, numbers values: [Double], decimals: Int) {
        beginMember(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendNumber(value, decimals: decimals)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func beginMember(_ key: StaticString) {
        if hasMembers { bytes.append(UInt8(ascii: ",")) }
        hasMembers = true
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// RFC 8259 string escaping: the quote, the backslash and the control characters U+0000–U+001F are escaped;
    /// everything else, non-ASCII included, is copied as UTF-8.
    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): appendEscape(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): appendEscape(UInt8(ascii: "\\"))
            case 0x08: appendEscape(UInt8(ascii: "b"))
            case 0x0C: appendEscape(UInt8(ascii: "f"))
            case 0x0A: appendEscape(UInt8(ascii: "n"))
            case 0x0D: appendEscape(UInt8(ascii: "r"))
            case 0x09: appendEscape(UInt8(ascii: "t"))
            case 0x00..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private mutating func appendNumber(_ value: Double, decimals: Int) {
        bytes.append(contentsOf: JSONNumber.text(value, decimals: decimals).utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// The shortest text of a number rounded to a number of decimals: `0.38`, `12.48`, `412`, never
/// `0.38000000000000001` nor `-0`. JSON has no NaN or infinity; those are written as `null`.
enum JSONNumber {
    static func text(_ value: Double, decimals: Int) -> String {
        let rounded = self.rounded(value, decimals: decimals)
        guard rounded.isFinite else { return "null" }
        if rounded == rounded.rounded(.towardZero), abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        return rounded.description
    }

    /// `value` rounded half away from zero to `decimals` decimals: the double nearest to that decimal.
    static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = powersOfTen[decimals]
        let scaled = (value * scale).rounded()
        guard scaled.isFinite else { return value }
        return scaled / scale
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
}
