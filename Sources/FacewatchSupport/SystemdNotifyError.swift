#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a notification could not reach systemd; the description is one line that names `$NOTIFY_SOCKET`.
public enum SystemdNotifyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `$NOTIFY_SOCKET` is not an address this notifier can send to (relative, too long, another family).
    case unusableSocket(notifySocket: String, reason: String)
    /// The datagram could not be sent (no such socket, permission denied, …).
    case cannotSend(notifySocket: String, message: String, errorNumber: Int32)

    public var description: String {
        switch self {
        case .unusableSocket(let notifySocket, let reason):
            return oneLine("NOTIFY_SOCKET=\(notifySocket): \(reason)")
        case .cannotSend(let notifySocket, let message, let errorNumber):
            let cause = String(cString: strerror(errorNumber))
            return oneLine("NOTIFY_SOCKET=\(notifySocket): cannot send '\(message)' (\(cause))")
        }
    }
}
