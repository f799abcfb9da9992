import Foundation

/// Where the tests find what the setup installs: the models and the sample photos from Debian packages.
enum TestEnvironment {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$FACEWATCH_MODELS`, else the checkout's `models/` (filled by scripts/setup and scripts/test).
    static var modelsDirectory: String {
        if let env = ProcessInfo.processInfo.environment["FACEWATCH_MODELS"], !env.isEmpty { return env }
        return packageRoot.appendingPathComponent("models").path
    }

    static let messi = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
