#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes whole files through the C library, so the format modules that use it need no Foundation.
public enum WholeFile {
    /// Why a file could not be read or written, as `cannot open file (No such file or directory)`.
    public struct AccessError: Error, CustomStringConvertible {
        public var operation: String
        public var errorNumber: Int32

        public var description: String { "cannot \(operation) (\(String(cString: strerror(errorNumber))))" }
    }

    public static func read(_ path: String) throws(AccessError) -> [UInt8] {
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

    public static func write(_ bytes: [UInt8], to path: String) throws(AccessError) {
        guard let file = fopen(path, "wb") else { throw AccessError(operation: "create file", errorNumber: errno) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let writeError = errno
        guard fclose(file) == 0, written == bytes.count else {
            throw AccessError(operation: "write file", errorNumber: written == bytes.count ? errno : writeError)
        }
    }
}
