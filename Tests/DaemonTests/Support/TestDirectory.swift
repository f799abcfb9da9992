import Foundation
import Glibc

/// A fresh directory under /tmp for one test's files (configuration, clips, gallery, log, socket), removed when
/// the value goes away. Its path is short, so that a Unix socket path inside it fits in `sun_path`.
final class TestDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/fwd-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw DaemonTestError.systemCall(subject: "/tmp/fwd-XXXXXX", call: "mkdtemp", errorNumber: errno)
        }
        path = String(cString: created)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }

    /// A named pipe: a reader that opens it waits until a writer opens the other end.
    func makeFIFO(_ name: String) throws -> String {
        let target = file(name)
        guard mkfifo(target, 0o600) == 0 else {
            throw DaemonTestError.systemCall(subject: target, call: "mkfifo", errorNumber: errno)
        }
        return target
    }
}
