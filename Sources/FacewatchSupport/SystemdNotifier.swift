#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells systemd how a `Type=notify` service is doing, through the sd_notify datagram protocol spoken directly
/// (no libsystemd): newline-separated `NAME=value` assignments sent as one datagram to the AF_UNIX socket named by
/// `$NOTIFY_SOCKET`. A path names a socket in the file system; a name starting with `@` is in the abstract
/// namespace. Without `$NOTIFY_SOCKET` (not started by systemd, or not as a notify service) every call does nothing.
///
/// Each call opens its own socket, sends one datagram and closes it, so a notifier is a plain value that any
/// thread may use. Send `ready()` once start-up is done, `reloading()` then `ready()` around a reload,
/// `stopping()` when shutdown begins, and `watchdogPing()` every `watchdogInterval`.
public struct SystemdNotifier: Sendable {
    /// Where notifications go, as `$NOTIFY_SOCKET` gave it; nil when there is nowhere to send them.
    public let notifySocket: String?
    /// How often to send `WATCHDOG=1`: half of `$WATCHDOG_USEC`, when the service has a watchdog
    /// (`WatchdogSec=`), `$WATCHDOG_PID` (if set) names this process, and there is a socket to send to.
    public let watchdogInterval: Duration?

    private let destination: Destination?

    /// A notifier for this process, from its real environment.
    public init() {
        let names = [Self.socketVariable, Self.watchdogMicrosecondsVariable, Self.watchdogProcessVariable]
        self.init(environment: Self.processEnvironment(names), processID: getpid())
    }

    /// A notifier as a process with this environment and process ID would see it.
    public init(environment: [String: String], processID: Int32) {
        if let socket = environment[Self.socketVariable], !socket.isEmpty {
            notifySocket = socket
            destination = Destination(notifySocket: socket)
            watchdogInterval = Self.watchdogInterval(
                microseconds: environment[Self.watchdogMicrosecondsVariable],
                process: environment[Self.watchdogProcessVariable], processID: processID)
        } else {
            notifySocket = nil
            destination = nil
            watchdogInterval = nil
        }
    }

    /// Whether notifications are sent anywhere: false when not running under systemd as a notify service.
    public var isActive: Bool { destination != nil }

    /// Start-up (or a reload) is finished and the service does its work.
    public func ready(status: String? = nil) throws(SystemdNotifyError) {
        try send(["READY=1"] + Self.statusAssignment(status))
    }

    /// A reload has begun (configuration, gallery, log files); send `ready()` when it is done. Carries the
    /// monotonic clock's time in microseconds, which systemd 253 and later use to match the reload they asked for.
    public func reloading(status: String? = nil) throws(SystemdNotifyError) {
        try reloading(monotonicMicroseconds: Self.monotonicMicroseconds(), status: status)
    }

    /// A reload has begun, stamped with the given `CLOCK_MONOTONIC` time.
    public func reloading(monotonicMicroseconds: UInt64, status: String? = nil) throws(SystemdNotifyError) {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds)"] + Self.statusAssignment(status))
    }

    /// Shutdown has begun.
    public func stopping(status: String? = nil) throws(SystemdNotifyError) {
        try send(["STOPPING=1"] + Self.statusAssignment(status))
    }

    /// The service is alive; systemd restarts it when these stop coming for `WatchdogSec=`.
    public func watchdogPing() throws(SystemdNotifyError) {
        try send(["WATCHDOG=1"])
    }

    /// A one-line description of what the service is doing, shown by `systemctl status`. Control characters
    /// are escaped, so that the text cannot end the assignment.
    public func status(_ text: String) throws(SystemdNotifyError) {
        try send(Self.statusAssignment(text))
    }

    /// Sends these assignments (`NAME=value`, no newlines inside) as one datagram.
    public func send(_ assignments: [String]) throws(SystemdNotifyError) {
        guard let destination, let notifySocket else { return }
        let message = assignments.joined(separator: "\n")
        switch destination {
        case .unusable(let reason):
            throw .unusableSocket(notifySocket: notifySocket, reason: reason)
        case .socket(let address):
            if let errorNumber = address.send(Array(message.utf8)) {
                throw .cannotSend(notifySocket: notifySocket, message: message, errorNumber: errorNumber)
            }
        }
    }

    /// The current `CLOCK_MONOTONIC` time in microseconds, the clock systemd uses for `MONOTONIC_USEC=`.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    static let socketVariable = "NOTIFY_SOCKET"
    static let watchdogMicrosecondsVariable = "WATCHDOG_USEC"
    static let watchdogProcessVariable = "WATCHDOG_PID"

    /// The values of these variables in this process's environment; unset ones are left out.
    static func processEnvironment(_ names: [String]) -> [String: String] {
        var environment: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    private static func statusAssignment(_ status: String?) -> [String] {
        guard let status else { return [] }
        return ["STATUS=" + oneLine(status)]
    }

    private static func watchdogInterval(microseconds: String?, process: String?, processID: Int32) -> Duration? {
        guard let microseconds, let period = UInt64(microseconds), period > 0 else { return nil }
        if let process, !process.isEmpty, Int32(process) != processID { return nil }
        return .microseconds(Int64(clamping: period / 2))
    }

    private enum Destination: Sendable {
        case socket(UnixDatagramAddress)
        case unusable(reason: String)

        init(notifySocket: String) {
            if notifySocket.hasPrefix("@") {
                self = Self.checked(UnixDatagramAddress(abstractName: Array(notifySocket.utf8.dropFirst())))
            } else if notifySocket.hasPrefix("/") {
                self = Self.checked(UnixDatagramAddress(path: Array(notifySocket.utf8)))
            } else {
                self = .unusable(reason: "neither an absolute socket path nor an @abstract name")
            }
        }

        private static func checked(_ address: UnixDatagramAddress) -> Destination {
            guard address.fits else {
                return .unusable(reason: "longer than the \(UnixDatagramAddress.capacity) bytes a socket address holds")
            }
            return .socket(address)
        }
    }
}
