import FacewatchSupport
import Yams

extension FacewatchConfiguration {
    /// Reads and checks the configuration file at `path`. Messages name the file as `path` is written;
    /// relative paths inside it are resolved against the file's own directory.
    public static func load(path: String) throws(ConfigurationError) -> FacewatchConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try FacewatchConfiguration(yaml: text, source: path, relativeTo: ConfigurationFilePath.directory(of: path))
    }

    /// Parses and checks configuration text. `source` names it in messages; relative paths are resolved against
    /// `baseDirectory`, or left relative (to the working directory) when it is nil.
    public init(yaml: String, source: String, relativeTo baseDirectory: String? = nil) throws(ConfigurationError) {
        let context = ReadingContext(source: source, baseDirectory: baseDirectory)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLSyntaxProblem.configurationError(error, context: context, yaml: yaml)
        }
        guard let root else {
            self.init()
            return
        }
        try self.init(reading: ConfigurationValue(node: root, keyPath: "", context: context))
    }
}
