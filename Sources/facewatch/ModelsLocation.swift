import Foundation

/// Finds the directory that holds the model files: the `--models` flag, then `$FACEWATCH_MODELS`, then the
/// daemon's configuration file (`InstalledConfiguration`), then the places the setup installs to.
enum ModelsLocation {
    static let environmentVariable = "FACEWATCH_MODELS"

    static func resolve(_ flag: String?) -> String {
        if let flag { return flag }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        if let configured = InstalledConfiguration.current?.modelsDirectory { return configured }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? "./models"
    }

    /// `./models`, the checkout's `models/` when the executable lies under its `.build/`, then the system location.
    private static var candidates: [String] {
        var candidates = ["./models"]
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if directory.lastPathComponent == ".build" {
                candidates.append(directory.deletingLastPathComponent().appendingPathComponent("models").path)
                break
            }
            directory.deleteLastPathComponent()
        }
        return candidates + ["/var/lib/facewatch/models"]
    }
}
