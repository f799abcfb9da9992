#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files through the C library, so this module needs no Foundation.
enum DlibFile {
    /// Why a file could not be read, as `cannot open file (No such file or directory)`.
    struct AccessError: Error, CustomStringConvertible {
        var operation: String
        var errorNumber: Int32

        var description: String { "cannot \(operation) (\(String(cString: strerror(errorNumber))))" }
    }

    static func read(_ path: String) throws(AccessError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw AccessError(operation: "open file", errorNumber: errno) }
        defer { fclose(file) }
        var status = stat()
        guard fstat(fileno(file), &status) == 0 else { throw AccessError(operation: "stat file", errorNumber: errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw AccessError(operation: "read file", errorNumber: EISDIR) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        guard ferror(file) == 0 else { throw AccessError(operation: "read file", errorNumber: errno) }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
