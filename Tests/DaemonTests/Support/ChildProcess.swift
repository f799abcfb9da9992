import Foundation
import Glibc

/// A program a test started, with its output in files: signalled, awaited with a time limit, and killed (SIGKILL)
/// when the test lets go of it while it still runs, so that a failing test leaves nothing behind.
final class ChildProcess {
    /// How a process ended.
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    let program: String
    let arguments: [String]
    let standardOutputPath: String
    let standardErrorPath: String
    private let process = Process()

    /// Starts `program`; standard input is /dev/null, standard output and error go to the two files.
    init(_ program: String, _ arguments: [String], standardOutput: String, standardError: String) throws {
        self.program = program
        self.arguments = arguments
        standardOutputPath = standardOutput
        standardErrorPath = standardError
        for path in [standardOutput, standardError] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw DaemonTestError.systemCall(subject: path, call: "create", errorNumber: errno)
            }
        }
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: standardOutput)
        process.standardError = FileHandle(forWritingAtPath: standardError)
        try process.run()
    }

    deinit {
        if process.isRunning { kill() }
    }

    var processID: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func send(_ signal: Int32) {
        if process.isRunning { Glibc.kill(process.processIdentifier, signal) }
    }

    /// How the process ended, waiting at most `seconds`; nil when it still runs.
    func waitForExit(within seconds: Double) -> Termination? {
        guard eventually(within: seconds, interval: 0.01, { !process.isRunning }) else { return nil }
        process.waitUntilExit()
        let status = process.terminationStatus
        return process.terminationReason == .exit ? .exited(status) : .signalled(status)
    }

    /// SIGKILL, then waits until the process is gone.
    func kill() {
        send(SIGKILL)
        process.waitUntilExit()
    }

    var standardError: String { Self.text(of: standardErrorPath) }
    var standardErrorLines: [String] { standardError.split(separator: "\n").map(String.init) }

    private static func text(of path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
