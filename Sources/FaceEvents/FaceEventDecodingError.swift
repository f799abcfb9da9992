import FacewatchSupport
/// Why a line could not be read as a ``FaceEvent``; the description is one line that names the offending key.
public enum FaceEventDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The line is not a JSON object; `excerpt` is its start.
    case notAnObject(excerpt: String)
    /// `"v"` is missing or names a schema version this reader does not know.
    case unsupportedVersion(found: String)
    case unknownType(String)
    case missingKey(type: String, key: String)
    /// A key holds the wrong kind of value: `expected` is `an integer`, `a number`, `a string`, ….
    case invalidValue(type: String, key: String, expected: String)
    case invalidTimestamp(type: String, text: String)

    public var description: String {
        let cause: String
        switch self {
        case .notAnObject(let excerpt):
            cause = "not a JSON object: \(excerpt)"
        case .unsupportedVersion(let found):
            cause = "key 'v' is \(found), this reader knows schema version \(FaceEvent.schemaVersion) only"
        case .unknownType(let type):
            cause = "key 'type' is '\(type)', not one of \(FaceEvent.typeNames.joined(separator: ", "))"
        case .missingKey(let type, let key):
            cause = "key '\(key)' is missing from a '\(type)' event"
        case .invalidValue(let type, let key, let expected):
            cause = "key '\(key)' of a '\(type)' event must be \(expected)"
        case .invalidTimestamp(let type, let text):
            cause = "key 'ts' of a '\(type)' event is '\(text)', not a UTC time like 2026-11-29T04:12:33.120Z"
        }
        return oneLine("event line: \(cause)")
    }
}
