import FacewatchSupport
import Glibc

/// Why reading events from the daemon's socket failed; the description is one line that names the socket.
public enum EventSubscriptionError: Error, CustomStringConvertible, Sendable, Equatable {
    case pathTooLong(path: String, limit: Int)
    case cannotConnect(path: String, errorNumber: Int32)
    case readFailed(path: String, errorNumber: Int32)
    /// No line arrived within the subscription's read timeout.
    case timedOut(path: String, seconds: Double)
    /// The server closed the connection in the middle of a line (it drops subscribers that fall behind).
    case endedMidLine(path: String, byteCount: Int)
    case closed(path: String)

    public var description: String {
        switch self {
        case .pathTooLong(let path, let limit):
            return oneLine("cannot connect to \(path): the path is \(path.utf8.count) bytes, at most \(limit) fit")
        case .cannotConnect(let path, let errorNumber):
            let hint: String
            switch errorNumber {
            case ENOENT, ECONNREFUSED: hint = " — is facewatch running?"
            case EACCES: hint = " — may this user use the socket? (its group can)"
            default: hint = ""
            }
            return oneLine("cannot connect to \(path): \(POSIX.errorText(errorNumber))\(hint)")
        case .readFailed(let path, let errorNumber):
            return oneLine("cannot read events from \(path): \(POSIX.errorText(errorNumber))")
        case .timedOut(let path, let seconds):
            return oneLine("no event from \(path) within \(seconds) seconds")
        case .endedMidLine(let path, let byteCount):
            return oneLine(
                "\(path) closed the connection in the middle of a line (\(byteCount) bytes); "
                    + "facewatch disconnects subscribers that read too slowly")
        case .closed(let path):
            return oneLine("subscription to \(path) is closed")
        }
    }
}
