import Foundation

import Glibc

/// Appends event lines to a file, or to standard output when the path is `-`.
///
/// The file is opened with `O_APPEND|O_CREAT`, mode 0640 (less the umask), and each line goes out in one
/// write(2), so readers of the file (and other appenders) never see half a line. ``reopen()`` closes the file
/// and opens the path again, for log rotation: after `mv events.log events.log.1`, the next lines go to a new
/// `events.log`.
///
/// `@unchecked Sendable`: the descriptor and the closed flag are only touched with `lock` held.
public final class JSONLinesLog: EventSink, @unchecked Sendable {
    /// The path that means standard output.
    public static let standardOutputPath = "-"

    public let path: String
    private let lock = NSLock()
    private var descriptor: Int32
    private var isClosed = false

    public init(path: String) throws(EventSinkError) {
        self.path = path
        descriptor = try Self.open(path)
    }

    deinit {
        if !isClosed, path != Self.standardOutputPath { Glibc.close(descriptor) }
    }

    public func publish(_ line: String) throws(EventSinkError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { throw .closed(sink: path) }
        if let failure = bytes.withUnsafeBytes({ POSIX.writeAll(descriptor, $0) }) {
            throw .cannotWrite(path: path, errorNumber: failure)
        }
    }

    /// Closes the file and opens the path again (a new file when the old one was renamed). When the path
    /// cannot be opened the old file stays in use and the error is thrown. Standard output is left as it is.
    public func reopen() throws(EventSinkError) {
        guard path != Self.standardOutputPath else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { throw .closed(sink: path) }
        let replacement = try Self.open(path)
        Glibc.close(descriptor)
        descriptor = replacement
    }

    /// Asks the kernel to put the lines on disk (fdatasync); lines are never held back in memory, so readers
    /// see them at once without a flush.
    public func flush() throws(EventSinkError) {
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { throw .closed(sink: path) }
        try sync()
    }

    public func close() throws(EventSinkError) {
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { return }
        isClosed = true
        defer { if path != Self.standardOutputPath { Glibc.close(descriptor) } }
        try sync()
    }

    private func sync() throws(EventSinkError) {
        guard fdatasync(descriptor) != 0 else { return }
        let failure = errno
        // Pipes, terminals and some special files cannot be synced; there is nothing to wait for there.
        guard failure != EINVAL, failure != EROFS else { return }
        throw .cannotSync(path: path, errorNumber: failure)
    }

    private static func open(_ path: String) throws(EventSinkError) -> Int32 {
        if path == standardOutputPath { return STDOUT_FILENO }
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errorNumber: errno) }
        return descriptor
    }
}
