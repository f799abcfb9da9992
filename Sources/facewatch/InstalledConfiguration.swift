import FacewatchConfig
import Foundation

/// The daemon's configuration file as the other commands see it: where `enroll`, `identify` and the rest look for
/// the models and the gallery when no flag or environment variable says. `$FACEWATCH_CONFIG` names the file,
/// else `/etc/facewatch/facewatch.yaml` is used when it exists. A file that cannot be read is reported once, on
/// standard error, and ignored.
enum InstalledConfiguration {
    static let environmentVariable = "FACEWATCH_CONFIG"

    static let current: FacewatchConfiguration? = {
        let path = ProcessInfo.processInfo.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let file = path ?? (FileManager.default.fileExists(atPath: FacewatchConfiguration.defaultPath) ? FacewatchConfiguration.defaultPath : nil)
        else { return nil }
        do {
            return try FacewatchConfiguration.load(path: file)
        } catch {
            printError("\(error) (ignored: models and gallery come from the flags or the defaults)")
            return nil
        }
    }()
}
