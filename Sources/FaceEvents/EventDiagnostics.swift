import FacewatchSupport
import Glibc

/// Where the sinks report what they could not throw to a caller (a subscriber dropped, a log that stopped
/// taking lines): one line of text per call, without a trailing newline.
public typealias EventDiagnostics = @Sendable (String) -> Void

/// Writes each diagnostic as one line to standard error, in one write(2) so lines of several threads do not mix.
public let standardErrorDiagnostics: EventDiagnostics = { message in
    var bytes = Array(oneLine(message).utf8)
    bytes.append(UInt8(ascii: "\n"))
    _ = bytes.withUnsafeBytes { POSIX.writeAll(STDERR_FILENO, $0) }
}
