import Foundation
import Glibc

/// tools/rtsp_server.py serving one clip in a loop at `rtsp://127.0.0.1:PORT/cam`: started, killed with SIGKILL
/// (a camera losing power), and started again on the same port.
final class RTSPTestServer {
    static let python = "/usr/bin/python3"

    /// Nil when /usr/bin/python3 can import GStreamer's RTSP server bindings, else why not.
    static let unavailableReason: String? = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = [
            "-c", "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer",
        ]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do {
            try probe.run()
        } catch {
            return "cannot run \(python): \(error)"
        }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
            ? nil : "\(python) cannot import GstRtspServer (Debian: python3-gi gir1.2-gst-rtsp-server-1.0; scripts/rtsp-deps)"
    }()

    let clip: String
    private let directory: TestDirectory
    private var server: Process?
    private var starts = 0
    /// The port of the first start, reused by every later one.
    private(set) var port = 0

    init(clip: String, in directory: TestDirectory) {
        self.clip = clip
        self.directory = directory
    }

    deinit { kill() }

    var url: String { "rtsp://127.0.0.1:\(port)/cam" }

    /// Starts the server (the first time on a port the kernel picks) and waits until it listens.
    func start(within seconds: Double = 20) throws {
        starts += 1
        let errorPath = directory.file("rtsp-server-\(starts).err")
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [TestEnvironment.rtspServerScript, "--port", String(port), "--path", "/cam", "--loop", clip]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        server = process

        let line = Self.firstLine(of: output.fileHandleForReading.fileDescriptor, within: seconds)
        let prefix = "ready rtsp://127.0.0.1:"
        guard let line, line.hasPrefix(prefix), let announced = Int(line.dropFirst(prefix.count).prefix { $0.isNumber })
        else {
            kill()
            let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw DaemonTestError.helperFailed(
                program: "rtsp_server.py",
                detail: "no ready line within \(seconds) s (got \(line ?? "nothing")); stderr: \(errors)")
        }
        port = announced
    }

    /// SIGKILL: the server vanishes without a word to its clients.
    func kill() {
        guard let server, server.isRunning else { return }
        Glibc.kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        self.server = nil
    }

    private static func firstLine(of descriptor: Int32, within seconds: Double) -> String? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !bytes.contains(UInt8(ascii: "\n")) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(max(1, remaining * 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            bytes.append(byte)
        }
        return String(decoding: bytes.dropLast(), as: UTF8.self)
    }
}
