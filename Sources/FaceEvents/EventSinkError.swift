import FacewatchSupport
/// Why a sink could not take or keep a line; the description is one line that names the file or socket.
public enum EventSinkError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(path: String, errorNumber: Int32)
    case cannotWrite(path: String, errorNumber: Int32)
    case cannotSync(path: String, errorNumber: Int32)
    /// The sink was closed; `sink` is its path.
    case closed(sink: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let errorNumber):
            oneLine("cannot open event log \(path): \(POSIX.errorText(errorNumber))")
        case .cannotWrite(let path, let errorNumber):
            oneLine("cannot write to event log \(path): \(POSIX.errorText(errorNumber))")
        case .cannotSync(let path, let errorNumber):
            oneLine("cannot flush event log \(path) to disk: \(POSIX.errorText(errorNumber))")
        case .closed(let sink):
            oneLine("\(sink): event sink is closed")
        }
    }
}
