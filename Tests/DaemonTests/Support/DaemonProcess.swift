import Foundation
import Glibc

/// `facewatch run --config FILE` started by a test: its process, what it prints on standard error, and what it
/// holds (threads, descriptors).
final class DaemonProcess {
    let configurationPath: String
    let child: ChildProcess

    /// Starts the daemon; its standard output and error go to `daemon.out` and `daemon.err` in `directory`.
    convenience init(configuration: DaemonConfiguration, in directory: TestDirectory) throws {
        try self.init(yaml: configuration.yaml, in: directory)
    }

    /// Starts the daemon with a configuration file of this text, written as `facewatch.yaml` in `directory`.
    init(yaml: String, in directory: TestDirectory) throws {
        configurationPath = try directory.write(yaml, to: "facewatch.yaml")
        child = try ChildProcess(
            TestEnvironment.facewatch, ["run", "--config", configurationPath],
            standardOutput: directory.file("daemon.out"), standardError: directory.file("daemon.err"))
    }

    var processID: Int32 { child.processID }
    var isRunning: Bool { child.isRunning }
    var standardErrorLines: [String] { child.standardErrorLines }

    func resources() throws -> ProcessResources {
        try ProcessResources.of(processID: child.processID)
    }

    /// Waits until the daemon listens on its event socket (it loads the models first: seconds in a debug build).
    /// The socket file appears at bind(2), a moment before listen(2), so the kernel's table of Unix sockets is
    /// asked instead: no probe connection disturbs the daemon.
    func waitForSocket(_ path: String, within seconds: Double = 60) throws {
        let listening = eventually(within: seconds) { !child.isRunning || Self.isListening(path) }
        guard listening, child.isRunning else {
            throw DaemonTestError.timedOut(
                waitingFor: "event socket \(path)", seconds: seconds,
                context: "daemon \(child.isRunning ? "running" : "exited"), stderr: \(child.standardError)")
        }
    }

    /// True when /proc/net/unix lists a socket bound to `path` with the accepting-connections flag.
    static func isListening(_ path: String) -> Bool {
        let acceptingConnections = 0x10000
        let table = (try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8)) ?? ""
        return table.split(separator: "\n").contains { row in
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 8, fields[7] == path, let flags = Int(fields[3], radix: 16) else { return false }
            return flags & acceptingConnections != 0
        }
    }

    /// SIGTERM, then how the daemon ended and how long that took; nil termination when it was still running
    /// after `seconds` (it is then killed).
    func terminate(within seconds: Double) -> (termination: ChildProcess.Termination?, seconds: Double) {
        let started = Date()
        child.send(SIGTERM)
        let termination = child.waitForExit(within: seconds)
        let elapsed = Date().timeIntervalSince(started)
        if termination == nil { child.kill() }
        return (termination, elapsed)
    }
}
