import FaceEvents
import Foundation

/// Reads the daemon's growing JSON-lines event log: its bytes and whole lines as they are now, and the next event,
/// after the ones already looked at, that satisfies a condition.
final class EventLogFollower {
    let path: String
    private let daemon: DaemonProcess
    /// Lines before this index have been looked at by ``next(_:within:where:)``.
    private(set) var position = 0

    init(path: String, daemon: DaemonProcess) {
        self.path = path
        self.daemon = daemon
    }

    var bytes: [UInt8] { (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? [] }

    /// The whole lines (a line still being written is left out), without their newlines.
    var lines: [String] {
        let bytes = bytes
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return bytes[...lastNewline].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0, as: UTF8.self) }
    }

    var events: [FaceEvent] { lines.compactMap { try? FaceEvent(jsonLine: $0) } }

    /// The next event after ``position`` for which `condition` holds; the lines up to it count as looked at.
    /// Throws when it does not come within `seconds`, or when the daemon exits first.
    func next(_ what: String, within seconds: Double, where condition: (FaceEvent) -> Bool) throws -> FaceEvent {
        var found: FaceEvent?
        _ = eventually(within: seconds) {
            let lines = lines
            while position < lines.count {
                let line = lines[position]
                position += 1
                if let event = try? FaceEvent(jsonLine: line), condition(event) {
                    found = event
                    return true
                }
            }
            return !daemon.isRunning
        }
        if let found { return found }
        let recent = lines.suffix(3).joined(separator: " | ")
        throw DaemonTestError.timedOut(
            waitingFor: what, seconds: seconds,
            context: "daemon \(daemon.isRunning ? "running" : "exited"); last log lines: \(recent); "
                + "stderr: \(daemon.standardErrorLines.suffix(5).joined(separator: " | "))")
    }
}
