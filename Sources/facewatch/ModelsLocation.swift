import Foundation

/// Finds the directory that holds the model files: the `--models` flag, then `$FACEWATCH_MODELS`, then the
/// places the setup installs to.
enum ModelsLocation {
    static let environmentVariable = "FACEWATCH_MODELS"

    static func resolve(_ flag: String?) -> String {
        if let flag { return flag }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? "./models"
    }

    /// `./models`, the checkout's `models/` beside `.build/<config>/facewatch`, then the system location.
    private static var candidates: [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let checkout = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ["./models", checkout.appendingPathComponent("models").path, "/var/lib/facewatch/models"]
    }
}
