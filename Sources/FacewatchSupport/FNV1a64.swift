/// The 64-bit FNV-1a hash (Fowler–Noll–Vo): a fast, non-cryptographic fingerprint of some bytes, used to tell
/// model files apart (two galleries made with different weights must not be mixed). Not a defence against
/// anyone crafting a collision on purpose.
public struct FNV1a64: Sendable, Equatable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    public private(set) var value: UInt64 = Self.offsetBasis

    public init() {}

    /// Folds more bytes into the hash; feeding a file in pieces gives the same value as feeding it whole.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* Self.prime
        }
        value = hash
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public var hexDigits: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hash(_ bytes: [UInt8]) -> FNV1a64 {
        var hasher = FNV1a64()
        hasher.combine(bytes)
        return hasher
    }
}
