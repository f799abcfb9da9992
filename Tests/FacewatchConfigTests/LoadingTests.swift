@testable import FacewatchConfig
import Foundation
import Testing

/// `load(path:)`: reads the file, names it in messages, resolves relative paths against its directory.
struct LoadingTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faceconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func relativePathsFollowTheFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("fw.yaml")
        try "models: m\ngallery: ../g.sqlite\nstreams: [{name: a, url: v/a.mp4}]\nevents: {log: /abs/e.jsonl}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let configuration = try FacewatchConfiguration.load(path: file.path)
        #expect(configuration.modelsDirectory == directory.path + "/m")
        #expect(configuration.galleryPath == directory.path + "/../g.sqlite")
        #expect(configuration.streams.first?.source == .file(path: directory.path + "/v/a.mp4"))
        #expect(configuration.events.log == .file("/abs/e.jsonl"))
    }

    @Test func aRelativeFilePathIsTakenFromTheWorkingDirectory() {
        let workingDirectory = FileManager.default.currentDirectoryPath
        #expect(ConfigurationFilePath.directory(of: "fw.yaml") == workingDirectory)
        #expect(ConfigurationFilePath.directory(of: "etc/fw.yaml") == workingDirectory + "/etc")
        #expect(ConfigurationFilePath.directory(of: "/etc/facewatch/facewatch.yaml") == "/etc/facewatch")
        #expect(ConfigurationFilePath.directory(of: "/fw.yaml") == "/")
    }

    @Test func messagesNameTheFileAsGiven() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml")
        try "# settings\nworkers: many\n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) { try FacewatchConfiguration.load(path: file.path) }
        #expect(error?.description
            == "\(file.path):2:10: workers: expected an integer from 0 (one per CPU core) to 1024, got \"many\"")
    }

    @Test func unreadableFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("none.yaml").path
        let error = #expect(throws: ConfigurationError.self) { try FacewatchConfiguration.load(path: missing) }
        #expect(error?.description == "\(missing): cannot open file (No such file or directory)")

        let latin1 = directory.appendingPathComponent("latin1.yaml")
        try Data("models: /caf\u{E9}\n".data(using: .isoLatin1)!).write(to: latin1)
        let encodingError = #expect(throws: ConfigurationError.self) { try FacewatchConfiguration.load(path: latin1.path) }
        #expect(encodingError == .unreadable(path: latin1.path, reason: "not UTF-8 text"))

        let empty = directory.appendingPathComponent("empty.yaml")
        try Data().write(to: empty)
        #expect(try FacewatchConfiguration.load(path: empty.path) == .defaults)
    }
}
