import FacewatchSupport

/// Why a configuration file was refused. The description is one line that starts with the file (and, where
/// there is one, the line and column), then the full key path and the cause, e.g.
/// `facewatch.yaml:14:5: streams[1].detect_every: expected an integer ≥ 1, got "five"`.
/// Key paths count list items from 0.
public enum ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be read, or is not UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The text is not well-formed YAML.
    case syntax(ConfigurationLocation, problem: String)
    /// A value of the wrong type or out of range. `key` is empty for the document itself.
    case invalidValue(ConfigurationLocation, key: String, expected: String, got: String)
    /// A key that the schema does not have, with the nearest known key when one is close.
    case unknownKey(ConfigurationLocation, key: String, suggestion: String?, knownKeys: [String])
    /// A required key is absent; the location is the mapping that lacks it.
    case missingKey(ConfigurationLocation, key: String)
    /// The same key twice in one mapping.
    case duplicateKey(ConfigurationLocation, key: String)
    /// Two streams with one name; `firstKey` is the earlier one's `name` key path.
    case duplicateStreamName(ConfigurationLocation, key: String, name: String, firstKey: String, firstLine: Int)
    /// Values that are each valid but do not fit together (a maximum under its minimum, a key the chosen kind
    /// does not use).
    case conflict(ConfigurationLocation, key: String, problem: String)
    /// `facewatch run` was given a configuration without streams.
    case noStreams(source: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return oneLine("\(path): \(reason)")
        case .syntax(let location, let problem):
            return oneLine("\(location): YAML syntax error: \(problem)")
        case .invalidValue(let location, let key, let expected, let got):
            let subject = key.isEmpty ? "" : "\(key): "
            return oneLine("\(location): \(subject)expected \(expected), got \(got)")
        case .unknownKey(let location, let key, let suggestion, let knownKeys):
            var hint = ""
            if let suggestion { hint = "did you mean \"\(suggestion)\"? " }
            return oneLine("\(location): \(key): unknown key (\(hint)known keys: \(knownKeys.joined(separator: ", ")))")
        case .missingKey(let location, let key):
            return oneLine("\(location): \(key): required key is missing")
        case .duplicateKey(let location, let key):
            return oneLine("\(location): \(key): key appears more than once")
        case .duplicateStreamName(let location, let key, let name, let firstKey, let firstLine):
            return oneLine("\(location): \(key): stream name \"\(name)\" is already used by \(firstKey) "
                + "(line \(firstLine)); stream names must be unique")
        case .conflict(let location, let key, let problem):
            return oneLine("\(location): \(key): \(problem)")
        case .noStreams(let source):
            return oneLine("\(source): streams: no streams configured; facewatch run needs at least one "
                + "camera or video file under streams:")
        }
    }
}
