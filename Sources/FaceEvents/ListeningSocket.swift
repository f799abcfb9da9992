import Glibc

/// The listening Unix socket a server claimed at a path, and the identity of the file it made there, so that
/// closing removes that file and not one a later server put in its place.
struct ListeningSocket {
    let descriptor: Int32
    let path: String
    private let device: UInt64
    private let inode: UInt64

    /// Takes over `path`: a stale socket (no server answers) is removed; a live server, or anything that is not
    /// a socket, is refused. The socket file gets `mode`; the descriptor is non-blocking and close-on-exec.
    /// `diagnostics` hears of a stale socket that was replaced.
    static func claim(
        _ path: String, mode: mode_t, backlog: Int32, diagnostics: EventDiagnostics
    ) throws(EventSocketError) -> ListeningSocket {
        let fits = POSIX.withUnixAddress(path) { _, _ in true } ?? false
        guard fits else { throw .pathTooLong(path: path, limit: POSIX.socketPathCapacity - 1) }
        if try removeStaleSocket(path) {
            diagnostics("event socket \(path) was left by a server that is gone; replaced it")
        }

        let descriptor = POSIX.unixStreamSocket()
        guard descriptor >= 0 else { throw .cannotCreate(path: path, step: "create", errorNumber: errno) }
        POSIX.configure(descriptor, nonBlocking: true)
        let bound = POSIX.withUnixAddress(path) { address, length in bind(descriptor, address, length) } ?? -1
        guard bound == 0 else {
            let failure = errno
            Glibc.close(descriptor)
            if failure == EADDRINUSE { throw .alreadyServing(path: path) }
            throw .cannotCreate(path: path, step: "bind", errorNumber: failure)
        }
        // Until listen(2), connections are refused, so nobody gets in while the mode is still the umask's.
        guard chmod(path, mode) == 0 else {
            let failure = errno
            unlink(path)
            Glibc.close(descriptor)
            throw .cannotCreate(path: path, step: "set the mode of", errorNumber: failure)
        }
        var status = stat()
        guard lstat(path, &status) == 0, listen(descriptor, backlog) == 0 else {
            let failure = errno
            unlink(path)
            Glibc.close(descriptor)
            throw .cannotCreate(path: path, step: "listen on", errorNumber: failure)
        }
        return ListeningSocket(
            descriptor: descriptor, path: path, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Closes the socket and removes its file, unless the file at the path is no longer the one it made.
    func close() {
        Glibc.close(descriptor)
        var status = stat()
        if lstat(path, &status) == 0, UInt64(status.st_dev) == device, UInt64(status.st_ino) == inode {
            unlink(path)
        }
    }

    /// True when a stale socket was removed; throws when the path is taken by a live server or by a file that
    /// is not a socket.
    private static func removeStaleSocket(_ path: String) throws(EventSocketError) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return false }
            throw .cannotInspect(path: path, errorNumber: errno)
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }

        let probe = POSIX.unixStreamSocket()
        guard probe >= 0 else { throw .cannotInspect(path: path, errorNumber: errno) }
        defer { Glibc.close(probe) }
        // Non-blocking, so that a live server with a full backlog answers EAGAIN instead of stalling the probe.
        POSIX.configure(probe, nonBlocking: true)
        let connected = POSIX.withUnixAddress(path) { address, length in connect(probe, address, length) } ?? -1
        let failure = errno
        if connected == 0 || failure == EAGAIN || failure == EINPROGRESS { throw .alreadyServing(path: path) }
        switch failure {
        case ECONNREFUSED:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw .cannotRemoveStale(path: path, errorNumber: errno)
            }
            return true
        case ENOENT:
            return false
        default:
            throw .cannotInspect(path: path, errorNumber: failure)
        }
    }
}
