import Foundation

/// The read-only LFW files the real-data checks use: `$FACEWATCH_DATA`, else `../shared/data` beside the checkout.
/// Tests that need them are skipped when they are absent.
enum SharedData {
    static let directory: String = {
        if let path = ProcessInfo.processInfo.environment["FACEWATCH_DATA"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    static let lfw = directory + "/lfw"
    static let lfwImages = lfw + "/lfw-deepfunneled"
    static var hasLFW: Bool { FileManager.default.fileExists(atPath: lfw + "/pairs.txt") }
}
