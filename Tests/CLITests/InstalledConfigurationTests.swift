import Foundation
import Testing

/// Commands other than `run` take the models and the gallery from the daemon's configuration file when no flag
/// or variable names them.
@Suite struct InstalledConfigurationTests {
    @Test func enrolAndListUseTheConfiguredGalleryAndModels() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("facewatch.yaml")
        try "models: \(CommandRunner.modelsDirectory)\ngallery: people.sqlite\n".write(to: config, atomically: true, encoding: .utf8)
        // FACEWATCH_MODELS and FACEWATCH_GALLERY would win over the file: cleared for this run.
        let environment = ["FACEWATCH_CONFIG": config.path, "FACEWATCH_MODELS": "", "FACEWATCH_GALLERY": ""]

        let enrol = try CommandRunner.run(["enroll", "Eileen Collins", RecognitionCommandTests.astronaut], environment: environment)
        #expect(enrol.status == 0, "\(enrol.standardError)")
        // Relative to the configuration file's directory, not the working directory.
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("people.sqlite").path))

        let list = try CommandRunner.run(["identities", "list"], environment: environment)
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("Eileen Collins"))
    }

    @Test func aBrokenConfigurationFileIsReportedAndIgnored() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("facewatch.yaml")
        try "galery: x.sqlite\n".write(to: config, atomically: true, encoding: .utf8)
        // No --models and no $FACEWATCH_MODELS: the file is consulted, found wanting, and the checkout's models used.
        let detect = try CommandRunner.run(
            ["detect", RecognitionCommandTests.astronaut], environment: ["FACEWATCH_CONFIG": config.path, "FACEWATCH_MODELS": ""])
        #expect(detect.status == 0)
        #expect(detect.errorLines.count == 1)
        #expect(detect.standardError.contains("galery") && detect.standardError.contains("ignored"))
        #expect(detect.standardOutput.contains("1 face"))
    }

    @Test func runRefusesAnUnknownKeyWithExitCode78() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("facewatch.yaml")
        try "streams:\n  - name: door\n    url: /nonexistent.mp4\n    detect_evry: 5\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["run", "--config", config.path])
        #expect(result.status == 78)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("streams[0].detect_evry"))
        #expect(result.standardError.contains("detect_every"))
    }
}
