import Foundation
import Testing

extension DaemonTests {
    /// A configuration the daemon must refuse before it starts anything.
    @Suite struct ConfigurationRefusalTests {
        /// A misspelt key: exit code 78 and one line naming the file, the line and the key, before the log or the
        /// socket exists.
        @Test(arguments: [
            (addition: "evnets: {}\n", key: "evnets"),
            (addition: "    detect_evry: 5\n", key: "streams[0].detect_evry"),
        ])
        func anUnknownKeyIsRefusedInOneLine(addition: String, key: String) throws {
            let directory = try TestDirectory()
            let configuration = DaemonConfiguration(
                in: directory, streams: [.init(name: "cam", url: directory.file("absent.mp4"))])
            // The streams come last in the text, so an indented line lands in the last stream.
            let yaml = configuration.yaml + addition
            let line = yaml.split(separator: "\n").count
            let daemon = try DaemonProcess(yaml: yaml, in: directory)
            defer { daemon.child.kill() }
            #expect(daemon.child.waitForExit(within: 30) == .exited(78))
            let errors = daemon.standardErrorLines
            #expect(errors.count == 1, "\(errors)")
            let message = errors.first ?? ""
            #expect(message.contains("\(daemon.configurationPath):\(line):"), "\(message)")
            #expect(message.contains(" \(key): unknown key"), "\(message)")
            #expect(isOneLine(message))
            #expect(!FileManager.default.fileExists(atPath: configuration.log))
            #expect(!FileManager.default.fileExists(atPath: configuration.socket))
        }
    }
}
