#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises HEIF and AVIF pictures (phone photos) by the ISO-BMFF `ftyp` box they start with, so that a file
/// FFmpeg could not read is named for what it is instead of "not an image".
enum HEIFBrand {
    /// Major brands of HEIF still pictures and sequences (ISO/IEC 23008-12) and of AVIF.
    static let brands: Set<String> = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis"]

    /// The file's major brand when it is one of `brands`; nil otherwise, or when the file cannot be read.
    static func of(path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 12)
        guard fread(&header, 1, header.count, file) == header.count, Array(header[4..<8]) == Array("ftyp".utf8) else {
            return nil
        }
        let brand = String(decoding: header[8..<12], as: UTF8.self)
        return brands.contains(brand) ? brand : nil
    }
}
