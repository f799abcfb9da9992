import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var done = 0
    private var lastDrawn = -1
    private var lastDetail = ""
    private var onScreen = false
    private let lock = NSLock()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// One more step done; `detail` (say a running loss) is shown after the count.
    func advance(detail: String = "") {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let permille = total == 0 ? 1000 : done * 1000 / total
        guard enabled, permille != lastDrawn || detail != lastDetail else { return }
        lastDrawn = permille
        lastDetail = detail
        let filled = permille * 30 / 1000
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        let suffix = detail.isEmpty ? "" : "  \(detail)"
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(suffix)\u{1B}[K".utf8))
        onScreen = true
    }

    /// Ends the bar's line so that other output starts on a fresh one; the next `advance` draws it again.
    func interrupt() {
        lock.lock()
        defer { lock.unlock() }
        if enabled, onScreen { FileHandle.standardError.write(Data("\n".utf8)) }
        onScreen = false
        lastDrawn = -1
    }

    func finish() {
        interrupt()
    }
}
