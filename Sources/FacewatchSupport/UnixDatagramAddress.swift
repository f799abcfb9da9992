#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An AF_UNIX socket address, a file-system path or an abstract-namespace name (sent with a leading NUL byte),
/// and sending one datagram to it from a fresh socket.
struct UnixDatagramAddress: Sendable, Equatable {
    /// The bytes of `sun_path` that name the socket: the path, or a NUL followed by the abstract name.
    let pathBytes: [UInt8]
    private let isAbstract: Bool

    init(path: [UInt8]) {
        pathBytes = path
        isAbstract = false
    }

    init(abstractName: [UInt8]) {
        pathBytes = [0] + abstractName
        isAbstract = true
    }

    /// How many bytes `sun_path` holds; a path also needs room for its terminating NUL.
    static let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    var fits: Bool { pathBytes.count + (isAbstract ? 0 : 1) <= Self.capacity }

    /// Sends `bytes` as one datagram; returns the errno of the failure, or nil when it was sent.
    func send(_ bytes: [UInt8]) -> Int32? {
        precondition(fits, "socket address longer than sun_path")
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            sunPath.copyBytes(from: pathBytes)
        }
        // Abstract names are exactly as long as given; a path's length includes its NUL.
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        let length = socklen_t(pathOffset + pathBytes.count + (isAbstract ? 0 : 1))
        let sent = bytes.withUnsafeBytes { payload in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(descriptor, payload.baseAddress, payload.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        if sent < 0 { return errno }
        return sent == bytes.count ? nil : EMSGSIZE
    }
}
