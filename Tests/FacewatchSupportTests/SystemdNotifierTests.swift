@testable import FacewatchSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

struct SystemdNotifierTests {
    @Test func sendsEachStateToAPathSocket() throws {
        let listener = try DatagramListener(pathSocketIn: FileManager.default.temporaryDirectory.path)
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], processID: getpid())
        #expect(notifier.isActive)

        try notifier.ready()
        #expect(try listener.receive() == "READY=1")
        try notifier.ready(status: "watching 2 streams")
        #expect(try listener.receive() == "READY=1\nSTATUS=watching 2 streams")
        try notifier.stopping()
        #expect(try listener.receive() == "STOPPING=1")
        try notifier.watchdogPing()
        #expect(try listener.receive() == "WATCHDOG=1")
        try notifier.send(["EXTEND_TIMEOUT_USEC=5000000", "STATUS=loading models"])
        #expect(try listener.receive() == "EXTEND_TIMEOUT_USEC=5000000\nSTATUS=loading models")
    }

    @Test func sendsToAnAbstractSocket() throws {
        let listener = try DatagramListener(abstractName: "facewatch-test-\(UUID().uuidString)")
        defer { listener.close() }
        #expect(listener.notifySocket.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], processID: getpid())
        try notifier.status("gallery: 12 people")
        #expect(try listener.receive() == "STATUS=gallery: 12 people")
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let listener = try DatagramListener(pathSocketIn: FileManager.default.temporaryDirectory.path)
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], processID: getpid())

        let before = Self.monotonicMicroseconds()
        try notifier.reloading()
        let after = Self.monotonicMicroseconds()
        let lines = try listener.receive().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect(stamp >= before && stamp <= after)

        try notifier.reloading(monotonicMicroseconds: 42, status: "reloading gallery")
        #expect(try listener.receive() == "RELOADING=1\nMONOTONIC_USEC=42\nSTATUS=reloading gallery")
    }

    @Test func statusTextCannotAddAssignments() throws {
        let listener = try DatagramListener(pathSocketIn: FileManager.default.temporaryDirectory.path)
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], processID: getpid())
        try notifier.status("camera down\nREADY=1")
        #expect(try listener.receive() == "STATUS=camera down\\nREADY=1")
    }

    @Test func withoutNotifySocketNothingHappens() throws {
        for environment in [[:], ["NOTIFY_SOCKET": ""], ["WATCHDOG_USEC": "30000000"]] {
            let notifier = SystemdNotifier(environment: environment, processID: 1234)
            #expect(!notifier.isActive)
            #expect(notifier.notifySocket == nil)
            #expect(notifier.watchdogInterval == nil)
            try notifier.ready(status: "ok")
            try notifier.reloading()
            try notifier.stopping()
            try notifier.watchdogPing()
        }
    }

    @Test func failuresNameTheSocketAndTheCause() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-\(UUID().uuidString).sock").path
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": missing], processID: getpid())
        let error = try #require(#expect(throws: SystemdNotifyError.self) { try notifier.ready() })
        #expect(error == .cannotSend(notifySocket: missing, message: "READY=1", errorNumber: ENOENT))
        #expect(error.description == "NOTIFY_SOCKET=\(missing): cannot send 'READY=1' (No such file or directory)")

        let relative = SystemdNotifier(environment: ["NOTIFY_SOCKET": "run/notify"], processID: 1)
        #expect(relative.isActive)
        let relativeError = #expect(throws: SystemdNotifyError.self) { try relative.watchdogPing() }
        #expect(relativeError?.description.hasPrefix("NOTIFY_SOCKET=run/notify: neither an absolute") == true)

        let long = "/" + String(repeating: "x", count: 200)
        let tooLong = SystemdNotifier(environment: ["NOTIFY_SOCKET": long], processID: 1)
        let tooLongError = #expect(throws: SystemdNotifyError.self) { try tooLong.ready() }
        #expect(tooLongError?.description.contains("longer than the 108 bytes") == true)
    }

    @Test func watchdogIntervalIsHalfTheTimeoutForThisProcess() {
        func interval(_ extra: [String: String], processID: Int32 = 4321) -> Duration? {
            let environment = extra.merging(["NOTIFY_SOCKET": "/run/systemd/notify"]) { $1 }
            return SystemdNotifier(environment: environment, processID: processID).watchdogInterval
        }
        #expect(interval(["WATCHDOG_USEC": "30000000"]) == .seconds(15))
        #expect(interval(["WATCHDOG_USEC": "3"]) == .microseconds(1))
        #expect(interval(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4321"]) == .seconds(15))
        #expect(interval(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4322"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": ""]) == .seconds(15))
        #expect(interval(["WATCHDOG_USEC": "0"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "30s"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "-5"]) == nil)
        #expect(interval([:]) == nil)
    }

    @Test func readsTheProcessEnvironmentWithoutChangingIt() {
        let expected = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME"].contains($0.key) }
        #expect(!expected.isEmpty)
        let unset = "FACEWATCH_UNSET_\(UUID().uuidString.prefix(8))"
        #expect(SystemdNotifier.processEnvironment(["PATH", "HOME", unset]) == expected)
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

/// A bound AF_UNIX datagram socket standing in for systemd's notification socket.
private final class DatagramListener {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let notifySocket: String
    private let descriptor: Int32
    private let directory: String?

    convenience init(pathSocketIn parent: String) throws {
        var template = Array((parent + "/facewatch-notify-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        let directory = String(cString: made)
        let path = directory + "/notify.sock"
        try self.init(notifySocket: path, sunPath: Array(path.utf8) + [0], directory: directory)
    }

    convenience init(abstractName: String) throws {
        try self.init(notifySocket: "@" + abstractName, sunPath: [0] + Array(abstractName.utf8), directory: nil)
    }

    private init(notifySocket: String, sunPath: [UInt8], directory: String?) throws {
        self.notifySocket = notifySocket
        self.directory = directory
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: sunPath) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + sunPath.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind \(notifySocket): errno \(errno)") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram as text; fails after five seconds without one.
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw Failure(description: "recv on \(notifySocket): errno \(errno)") }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    func close() {
        _ = Glibc.close(descriptor)
        if let directory {
            unlink(directory + "/notify.sock")
            rmdir(directory)
        }
    }
}
