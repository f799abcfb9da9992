import Glibc

/// A TCP port on 127.0.0.1 that the test holds for itself (the kernel picks it), in one of two states: a camera
/// that has hung (`listening`: the kernel accepts connections, nobody ever answers) or one that is switched off
/// (bound without listening: every connection is refused at once). Released when the value goes away.
final class LoopbackTCPPort {
    let port: Int
    private let descriptor: Int32

    init(listening: Bool) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw DaemonTestError.systemCall(subject: "127.0.0.1", call: "socket", errorNumber: errno)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, !listening || listen(descriptor, 16) == 0 else {
            let failure = errno
            Glibc.close(descriptor)
            throw DaemonTestError.systemCall(
                subject: "127.0.0.1", call: listening ? "bind/listen" : "bind", errorNumber: failure)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
