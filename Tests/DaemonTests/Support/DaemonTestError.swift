import FacewatchSupport
import Glibc

/// Why a daemon test could not go on: a fixture that could not be made, a helper process that failed, an event
/// that did not come. The description is one line naming the thing and the cause.
enum DaemonTestError: Error, CustomStringConvertible, Sendable {
    /// A system call failed; `subject` names what it was for.
    case systemCall(subject: String, call: String, errorNumber: Int32)
    /// A helper program (ffmpeg, the RTSP server) failed; `detail` is its own last words.
    case helperFailed(program: String, detail: String)
    /// Something awaited did not happen in time; `context` says what was seen meanwhile.
    case timedOut(waitingFor: String, seconds: Double, context: String)

    var description: String {
        switch self {
        case .systemCall(let subject, let call, let errorNumber):
            return oneLine("\(subject): \(call) failed: \(String(cString: strerror(errorNumber)))")
        case .helperFailed(let program, let detail):
            return oneLine("\(program): \(detail)")
        case .timedOut(let waitingFor, let seconds, let context):
            return oneLine("no \(waitingFor) within \(seconds) s; \(context)")
        }
    }
}
