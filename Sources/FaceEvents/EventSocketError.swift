import FacewatchSupport
/// Why the event socket could not be set up; the description is one line that names the socket's path.
public enum EventSocketError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A Unix socket path holds at most `limit` bytes.
    case pathTooLong(path: String, limit: Int)
    /// Something other than a socket (a regular file, a directory, a symbolic link) is at the path; it is
    /// left alone.
    case notASocket(path: String)
    /// A live server answers on the path.
    case alreadyServing(path: String)
    case cannotInspect(path: String, errorNumber: Int32)
    case cannotRemoveStale(path: String, errorNumber: Int32)
    /// A step of creating the socket failed: `step` is `create`, `bind`, `set the mode of` or `listen on`.
    case cannotCreate(path: String, step: String, errorNumber: Int32)
    case cannotStartThread(path: String, errorNumber: Int32)

    public var description: String {
        switch self {
        case .pathTooLong(let path, let limit):
            oneLine("cannot create event socket \(path): the path is \(path.utf8.count) bytes, at most \(limit) fit")
        case .notASocket(let path):
            oneLine("cannot create event socket \(path): something that is not a socket is there; not replacing it")
        case .alreadyServing(let path):
            oneLine(
                "cannot create event socket \(path): another server is listening there "
                    + "(is facewatch already running?)")
        case .cannotInspect(let path, let errorNumber):
            oneLine("cannot create event socket \(path): cannot inspect the path: \(POSIX.errorText(errorNumber))")
        case .cannotRemoveStale(let path, let errorNumber):
            oneLine(
                "cannot create event socket \(path): cannot remove the stale socket: \(POSIX.errorText(errorNumber))")
        case .cannotCreate(let path, let step, let errorNumber):
            oneLine("cannot \(step) event socket \(path): \(POSIX.errorText(errorNumber))")
        case .cannotStartThread(let path, let errorNumber):
            oneLine("cannot start the I/O thread of event socket \(path): \(POSIX.errorText(errorNumber))")
        }
    }
}
