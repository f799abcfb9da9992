import Glibc

/// Small wrappers over the C library calls the sinks and the subscription share.
enum POSIX {
    /// `strerror`'s text for an errno value: `No such file or directory`.
    static func errorText(_ errorNumber: Int32) -> String {
        String(cString: strerror(errorNumber))
    }

    /// The size of `sockaddr_un.sun_path`, including the terminating NUL.
    static let socketPathCapacity = MemoryLayout<sockaddr_un>.size - MemoryLayout<sa_family_t>.size

    /// Calls `body` with the address of the Unix socket at `path`; nil when the path does not fit.
    static func withUnixAddress<Result>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result? {
        let pathBytes = Array(path.utf8)
        guard !pathBytes.isEmpty, pathBytes.count < socketPathCapacity, !pathBytes.contains(0) else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    static func unixStreamSocket() -> Int32 {
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    /// Marks a descriptor close-on-exec and, when asked, non-blocking.
    static func configure(_ descriptor: Int32, nonBlocking: Bool) {
        _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
        if nonBlocking {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    /// The process id at the other end of a connected Unix socket (`SO_PEERCRED`), when the kernel says.
    static func peerProcessID(_ descriptor: Int32) -> Int32? {
        var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              credentials.pid > 0
        else { return nil }
        return credentials.pid
    }

    /// Writes all of `bytes`, resuming after partial writes and interruptions; the errno of a failure.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
