import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `facewatch run` under a stand-in for systemd: the sd_notify datagrams it sends at start, reload, watchdog
/// time and stop, read from a real datagram socket.
@Suite struct ServiceNotificationTests {
    @Test func readyWatchdogReloadAndStop() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = try DatagramListener(path: directory.appendingPathComponent("notify").path)
        let config = directory.appendingPathComponent("facewatch.yaml")
        // A camera that refuses connections: the daemon keeps retrying and runs until it is stopped.
        try """
            models: \(CommandRunner.modelsDirectory)
            gallery: gallery.sqlite
            streams:
              - name: door
                url: rtsp://127.0.0.1:9/cam
                reconnect: { initial_delay: 0.2, max_delay: 0.5 }
            events: { log: events.jsonl, socket: events.sock }
            """.write(to: config, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["run", "--config", config.path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["NOTIFY_SOCKET": manager.path, "WATCHDOG_USEC": "400000"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let ready = try #require(manager.receive(timeout: 120) { $0.contains("READY=1") })
        #expect(ready.hasPrefix("READY=1"))
        #expect(ready.contains("STATUS=door: "), "\(ready)")
        // The status line follows the events: the refused camera shows as down, with the reason.
        let down = manager.receive(timeout: 10) { $0.hasPrefix("STATUS=door: down (") }
        #expect(down?.contains("refused") == true, "\(String(describing: down))")
        // Pings every half WATCHDOG_USEC: several within two seconds.
        var pings = 0
        let until = Date().addingTimeInterval(2)
        while Date() < until, manager.receive(timeout: until.timeIntervalSinceNow, where: { $0 == "WATCHDOG=1" }) != nil { pings += 1 }
        #expect(pings >= 3)

        kill(process.processIdentifier, SIGHUP)
        let reloading = try #require(manager.receive(timeout: 10) { $0.contains("RELOADING=1") })
        #expect(reloading.contains("MONOTONIC_USEC="))
        let readyAgain = manager.receive(timeout: 10) { $0.contains("READY=1") }
        #expect(readyAgain?.contains("STATUS=door: down (") == true, "\(String(describing: readyAgain))")

        let stopAsked = Date()
        process.terminate()
        #expect(manager.receive(timeout: 10) { $0.contains("STOPPING=1") } != nil)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(stopAsked) < 5)
        // The socket file is gone, and the log holds the outage reports with their retry delays.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("events.sock").path))
        let log = try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(log.contains("\"type\":\"stream.down\"") && log.contains("\"retry_in\":"))
    }
}

/// A bound AF_UNIX datagram socket, as systemd's notification socket.
final class DatagramListener {
    let path: String
    private let descriptor: Int32

    struct Failure: Error { let code: Int32 }

    init(path: String) throws {
        self.path = path
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { close(descriptor); throw Failure(code: errno) }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next datagram that satisfies `predicate`, skipping others, or nil when `timeout` seconds pass.
    func receive(timeout: Double, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let text = String(decoding: buffer[..<count], as: UTF8.self)
            if predicate(text) { return text }
        }
    }
}
