import Foundation
import Glibc

/// A bare client of the daemon's Unix socket, for what a well-behaved subscriber does not do: never read, or send
/// bytes to a server that expects none.
final class RawSocketClient {
    let path: String
    private var descriptor: Int32

    init(path: String) throws {
        self.path = path
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonTestError.systemCall(subject: path, call: "socket", errorNumber: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let failure = errno
            Glibc.close(descriptor)
            throw DaemonTestError.systemCall(subject: path, call: "connect", errorNumber: failure)
        }
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Sends all of `bytes` (blocking); throws when the connection refuses them.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw DaemonTestError.systemCall(subject: path, call: "send", errorNumber: errno)
            }
            offset += sent
        }
    }

    /// Reads what the server sent until it closes the connection, for at most `seconds`; the bytes, and whether
    /// the end of the connection was reached.
    func readToEnd(within seconds: Double) -> (bytes: [UInt8], closedByServer: Bool) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return (all, false) }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(max(1, remaining * 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return (all, false) }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                all.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno == ECONNRESET {
                return (all, true)
            } else if errno != EINTR {
                return (all, false)
            }
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
