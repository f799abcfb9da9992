#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory a configuration file lies in, as an absolute path, for resolving the relative paths in it.
enum ConfigurationFilePath {
    static func directory(of path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory() + "/" + path
        guard let slash = absolute.lastIndex(of: "/") else { return "/" }
        let directory = String(absolute[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    private static func workingDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "." }
        defer { free(buffer) }
        return String(cString: buffer)
    }
}
