import FaceEvents
import FacewatchSupport
import Foundation

/// Keeps `systemctl status facewatch` current: follows every event the daemon publishes (`LiveStatus`) and, on
/// each tick of its timer, sends the status line to systemd when it has changed since the last one sent. Outside
/// systemd it does nothing.
final class ServiceStatusReporter: @unchecked Sendable {
    /// How often the status line may change in systemd's view.
    static let interval = 1.0

    private let notifier: SystemdNotifier
    private var timer: DispatchSourceTimer?
    private let lock = NSLock()
    // Guarded by `lock`.
    private var status: LiveStatus
    private var lastSent: String?

    init(streams: [String], notifier: SystemdNotifier) {
        self.notifier = notifier
        status = LiveStatus(streams: streams)
    }

    func record(_ event: FaceEvent) {
        guard notifier.isActive else { return }
        lock.lock()
        status.record(event)
        lock.unlock()
    }

    /// Sends the status on `queue` every `interval`.
    func start(on queue: DispatchQueue) {
        guard notifier.isActive else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.interval, repeating: Self.interval)
        timer.setEventHandler { [weak self] in self?.sendIfChanged() }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }

    /// Sends the status line unless systemd already shows it.
    func sendIfChanged() {
        let (line, changed) = takeLine()
        if changed { try? notifier.status(line) }
    }

    /// Sends the status line as part of `READY=1` (after start-up or a reload), so that it replaces the reload's.
    func ready() {
        try? notifier.ready(status: takeLine().line)
    }

    /// The current status line, now counted as sent, and whether it differs from the one sent before.
    private func takeLine() -> (line: String, changed: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let line = status.summary
        defer { lastSent = line }
        return (line, line != lastSent)
    }
}
